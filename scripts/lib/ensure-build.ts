import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCE_ROOTS = ["app", "components", "lib", "proxy.ts", "next.config.ts", "package.json", "postcss.config.mjs"];
const BUILD_MARKER = path.join(".next", "BUILD_ID");

function newestModification(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestModification(path.join(entry, child)));
  return newest;
}

/** Builds the app unless a build newer than every source file already exists. */
export function ensureBuild() {
  const builtAt = existsSync(BUILD_MARKER) ? statSync(BUILD_MARKER).mtimeMs : 0;
  const sourceChangedAt = Math.max(...SOURCE_ROOTS.map(newestModification));
  if (builtAt > sourceChangedAt) {
    console.log("Build is up to date.");
    return;
  }
  console.log("Building the app (next build)…");
  execFileSync(path.join("node_modules", ".bin", "next"), ["build"], { stdio: "inherit" });
}
