/**
 * `npm run bench:sign-in [-- --rounds N]`: how long a failed sign-in takes, seen from outside, on a
 * real production server (`next start`, throwaway database, the demo users). Cases, interleaved
 * round by round so machine load hits them alike: a known and an unknown email with a wrong
 * password, each from an address that is not throttled and from one whose account + address key is
 * throttled; a right password for reference. Every attempt comes from its own address (the server
 * trusts 127.0.0.1 as a proxy, the bench sets X-Forwarded-For), so only the throttle a case sets up
 * applies. Prints the answer each case gets, median and 10th–90th percentile time, and differences
 * of medians with a bootstrap 95 % interval. Prints figures; asserts nothing.
 */
import { parseArgs } from "node:util";
import { signIn, startBenchServer } from "./lib/start-bench-server";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "40" } } });
const ROUNDS = Number(values.rounds);
const WARM_UP = 5;
const KNOWN = "planner@demo.stockpilot";
const UNKNOWN = "nobody-here@demo.stockpilot";

const CASES = [
  { name: "known email, wrong password", email: KNOWN, password: "wrong-password", throttled: false },
  { name: "unknown email, wrong password", email: UNKNOWN, password: "wrong-password", throttled: false },
  { name: "known email, throttled", email: KNOWN, password: "wrong-password", throttled: true },
  { name: "unknown email, throttled", email: UNKNOWN, password: "wrong-password", throttled: true },
  { name: "known email, right password (reference)", email: KNOWN, password: "stockpilot-demo", throttled: false },
] as const;

let addressCounter = 0;
const nextAddress = () => {
  addressCounter++;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
};

function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.ceil(at)]! - sorted[low]!) * (at - low);
}
const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);

/** Deterministic generator for the bootstrap (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function medianDifference(a: number[], b: number[]): string {
  const next = random(42);
  const resample = (xs: number[]) => xs.map(() => xs[Math.floor(next() * xs.length)]!);
  const diffs = Array.from({ length: 2_000 }, () => median(resample(a)) - median(resample(b))).sort((x, y) => x - y);
  return `${(median(a) - median(b)).toFixed(1)} ms (95 % ${quantile(diffs, 0.025).toFixed(1)} … ${quantile(diffs, 0.975).toFixed(1)})`;
}

const server = await startBenchServer("sign-in", { STOCKPILOT_TRUSTED_PROXIES: "127.0.0.1" });
try {
  const { db } = await import("../lib/server/db");
  const { accountAddressKey } = await import("../lib/server/auth/login-throttle");
  const rule = { freeFailures: 0, firstWaitMs: 0, maxWaitMs: 0 };
  /** An address whose key for this account is throttled for the next hour, as after repeated failures. */
  const throttledAddress = async (email: string) => {
    const address = nextAddress();
    const { key } = accountAddressKey(email, address, rule);
    await db.loginThrottle.create({ data: { key, email, failures: 12, lastFailureAt: new Date(), blockedUntil: new Date(Date.now() + 3_600_000) } });
    return address;
  };

  const times = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
  const answers = new Map<string, Set<string>>(CASES.map((c) => [c.name, new Set()]));
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    for (const c of CASES) {
      const address = c.throttled ? await throttledAddress(c.email) : nextAddress();
      const result = await signIn(server.baseUrl, c.email, c.password, { "x-forwarded-for": address });
      if (round < WARM_UP) continue;
      times.get(c.name)!.push(result.ms);
      answers.get(c.name)!.add(result.cookie ? "signed in" : `error=${result.error}`);
    }
  }
  await db.$disconnect();

  console.log(`${ROUNDS} rounds (after ${WARM_UP} warm-up rounds) against next start at ${server.baseUrl}; time of the credentials callback POST`);
  for (const c of CASES) {
    const sorted = [...times.get(c.name)!].sort((a, b) => a - b);
    console.log(
      `  ${c.name.padEnd(40)} answer ${[...answers.get(c.name)!].join(" / ").padEnd(24)} median ${quantile(sorted, 0.5).toFixed(1)} ms, p10–p90 ${quantile(sorted, 0.1).toFixed(1)}–${quantile(sorted, 0.9).toFixed(1)} ms`,
    );
  }
  const t = (name: (typeof CASES)[number]["name"]) => times.get(name)!;
  console.log("Differences of medians:");
  console.log(`  known − unknown, not throttled: ${medianDifference(t("known email, wrong password"), t("unknown email, wrong password"))}`);
  console.log(`  known − unknown, throttled:     ${medianDifference(t("known email, throttled"), t("unknown email, throttled"))}`);
  console.log(`  throttled − not, known email:   ${medianDifference(t("known email, throttled"), t("known email, wrong password"))}`);
  console.log(`  throttled − not, unknown email: ${medianDifference(t("unknown email, throttled"), t("unknown email, wrong password"))}`);
} finally {
  await server.stop();
}
