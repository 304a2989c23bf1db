import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { migrateDatabase } from "../db-migrate";

export interface DemoDatabaseOptions {
  /** Where the generated canonical CSV files live (generated when absent). */
  demoDir: string;
  size: "small" | "medium" | "large";
  seed: number;
}

const RUN_WITH_SERVER_CONDITION = ["--conditions=react-server", "--import", "tsx"];

function runScript(script: string, args: string[]) {
  execFileSync(process.execPath, [...RUN_WITH_SERVER_CONDITION, path.join("scripts", script), ...args], { stdio: "inherit" });
}

/**
 * Brings the database named by DATABASE_URL to a usable demo state: migrated, the demo retailer
 * imported through the same CSV path a customer uses (only when nothing was imported yet), one
 * demo user per role, and a plan over that data. Safe to run on every start.
 */
export async function prepareDemoDatabase(options: DemoDatabaseOptions) {
  await migrateDatabase();
  const { db } = await import("../../lib/server/db");
  const { seedDemoUsers } = await import("../../lib/server/users/seed-demo-users");

  const imported = await db.importBatch.count({ where: { status: "succeeded" } });
  if (imported === 0) {
    if (!existsSync(path.join(options.demoDir, "locations.csv"))) {
      console.log(`Generating the ${options.size} demo retailer (seed ${options.seed})…`);
      runScript("demo-data.ts", ["--size", options.size, "--seed", String(options.seed), "--out", options.demoDir]);
    }
    console.log("Importing the demo retailer…");
    runScript("import.ts", [options.demoDir]);
  }
  await seedDemoUsers(db);

  // The first plan runs here, before the server starts, so the queue is ready on first sign-in.
  const queued = await db.planRun.findFirst({ where: { status: "queued" }, orderBy: { queuedAt: "desc" }, select: { id: true } });
  const planned = await db.planRun.count({ where: { status: "succeeded" } });
  if (queued) {
    console.log("Running the queued plan…");
    runScript("plan.ts", ["--run", queued.id]);
  } else if (planned === 0) {
    console.log("Running a first plan…");
    runScript("plan.ts", []);
  }
  await db.$disconnect();
}
