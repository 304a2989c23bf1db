import { spawn } from "node:child_process";

/** Another process (a CLI, another server) holding SQLite's write lock for `ms`, then committing a change. */
export function holdSqliteWriteLock(ms: number): Promise<{ released: Promise<void> }> {
  const file = process.env.DATABASE_URL!.replace(/^file:/, "");
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(${JSON.stringify(file)});
    db.exec("BEGIN IMMEDIATE");
    db.prepare('INSERT INTO "LoginThrottle" ("key", "failures", "lastFailureAt") VALUES (?, 1, 0)').run("held-" + Date.now());
    console.log("locked");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
    db.exec("COMMIT");
  `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const released = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve) => child.stdout!.once("data", () => resolve({ released })));
}
