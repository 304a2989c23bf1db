import { spawn } from "node:child_process";
import path from "node:path";

/** Runs a lib/test script in a plan-worker-like child process and resolves with the signal that ended it. */
export function runScriptUntilKilled(script: string, args: string[]): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("lib", "test", script), ...args], {
      env: process.env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => resolve(signal));
  });
}
