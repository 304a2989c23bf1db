// `npm run db:generate` (and postinstall): generates both Prisma clients — SQLite (@prisma/client)
// and PostgreSQL (.prisma/client-postgresql, from the derived schema). Prisma generates one client
// per provider; the app picks one at run time from DATABASE_URL (lib/server/db.ts).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { writePostgresqlSchema } from "./lib/postgresql-schema.mjs";

const prisma = path.join("node_modules", ".bin", "prisma");
execFileSync(prisma, ["generate"], { stdio: "inherit" });
writePostgresqlSchema();
execFileSync(prisma, ["generate", "--config", "prisma.postgresql.config.ts"], { stdio: "inherit" });
