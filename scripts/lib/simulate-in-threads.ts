import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { DemoSizeName } from "../../lib/demo/demo-sizes";
import type { SimulationPolicy, SimulationResult } from "../../lib/engine/simulation/run-simulation";

export interface PolicyRunRequest {
  size: DemoSizeName;
  seed: number;
  days: number;
  policy: SimulationPolicy;
  plannerCapacity: number;
  planners: number;
  /** The projected stock-out gate (`minStockoutProbability`) when not the engine's default. */
  stockoutGate?: number;
}

export type PolicyRunMessage = { kind: "day"; policy: SimulationPolicy; day: number } | { kind: "done"; result: SimulationResult; seriesCount: number };

/**
 * Runs each policy in a worker thread, at most one per core. Policies share nothing but the seeded
 * twin each worker rebuilds, so the merged result is the one a single thread would give.
 */
export async function simulateInThreads(
  request: Omit<PolicyRunRequest, "policy">,
  policies: readonly SimulationPolicy[],
  onDay: (policy: SimulationPolicy, day: number) => void,
): Promise<{ result: SimulationResult; seriesCount: number }> {
  const url = new URL("./simulate-policy.worker.ts", import.meta.url);
  const runOne = (policy: SimulationPolicy) =>
    new Promise<{ result: SimulationResult; seriesCount: number }>((resolve, reject) => {
      // The worker is TypeScript: load it through tsx's import API, as the forecaster's workers do.
      const bootstrap = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`;
      const worker = new Worker(bootstrap, { eval: true, workerData: { ...request, policy } satisfies PolicyRunRequest });
      worker.on("message", (message: PolicyRunMessage) => {
        if (message.kind === "day") onDay(message.policy, message.day);
        else resolve({ result: message.result, seriesCount: message.seriesCount });
      });
      worker.on("error", reject);
      worker.on("exit", (code) => {
        if (code !== 0) reject(new Error(`simulation worker for ${policy} exited with code ${code}`));
      });
    });

  const pending = [...policies];
  const done = new Map<SimulationPolicy, { result: SimulationResult; seriesCount: number }>();
  const lane = async () => {
    for (let policy = pending.shift(); policy !== undefined; policy = pending.shift()) done.set(policy, await runOne(policy));
  };
  await Promise.all(Array.from({ length: Math.min(policies.length, Math.max(1, availableParallelism())) }, lane));

  const merged: SimulationResult = { days: request.days, planners: request.planners, policies: {}, exceptions: {}, plans: {} };
  let seriesCount = 0;
  // Merged in the policies' canonical order, whatever order the threads finished in.
  for (const policy of policies) {
    const run = done.get(policy)!;
    seriesCount = run.seriesCount;
    Object.assign(merged.policies, run.result.policies);
    Object.assign(merged.plans, run.result.plans);
    Object.assign(merged.exceptions, run.result.exceptions);
  }
  return { result: merged, seriesCount };
}
