// The registry this machine reaches serves only this platform's native packages, so npm 11 leaves
// other platforms' optional packages out of the lockfile and `npm ci` then refuses it. Record them
// with their platform constraints (from the package name) so npm skips them without fetching.
const fs = require("fs");
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
const pkgs = lock.packages;
const OS = ["android", "darwin", "freebsd", "linux", "win32", "openharmony", "sunos", "aix", "netbsd", "openbsd"];
const CPU = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "wasm32", "mips64el"];
const added = [];
for (const [key, entry] of Object.entries(pkgs)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    if (pkgs[`node_modules/${name}`] || pkgs[`${key ? key + "/" : ""}node_modules/${name}`]) continue;
    if (!/^\d+\.\d+\.\d+/.test(range)) throw new Error(`${name}: range ${range} is not an exact version`);
    const parts = name.split("/").pop().split("-");
    const os = parts.find((p) => OS.includes(p));
    const cpu = parts.find((p) => CPU.includes(p));
    if (!os && !cpu) throw new Error(`${name}: cannot tell its platform`);
    const record = { version: range };
    if (cpu) record.cpu = [cpu];
    if (entry.dev) record.dev = true;
    record.optional = true;
    if (os) record.os = [os];
    pkgs[`node_modules/${name}`] = record;
    added.push(`${name}@${range}`);
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
fs.writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log(`added ${added.length}: ${added.join(", ")}`);
