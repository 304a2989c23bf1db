/** `npm run db:seed`: one demo user per role, scoped to whatever network has been imported. */
import { db } from "../lib/server/db";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/demo/demo-accounts";
import { seedDemoUsers } from "../lib/server/users/seed-demo-users";

await seedDemoUsers(db);
console.log(`Demo users (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(", ")}`);
await db.$disconnect();
