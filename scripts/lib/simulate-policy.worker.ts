/** One policy of `npm run simulate` in its own thread: the twin is rebuilt from its seed, so the run is the same as in the main thread. */
import { parentPort, workerData } from "node:worker_threads";
import { buildDemoTwin } from "../../lib/demo/build-demo-twin";
import { defaultExceptionOptions } from "../../lib/engine/exceptions/exception-types";
import { defaultSimulationOptions, runSimulation } from "../../lib/engine/simulation/run-simulation";
import type { PolicyRunRequest, PolicyRunMessage } from "./simulate-in-threads";
import { simulationGovernance } from "./simulation-governance";

const request = workerData as PolicyRunRequest;
const post = (message: PolicyRunMessage) => parentPort!.postMessage(message);
const twin = await buildDemoTwin({ size: request.size, seed: request.seed, days: request.days });
const result = await runSimulation(twin, {
  ...defaultSimulationOptions,
  policies: [request.policy],
  plannerCapacity: request.plannerCapacity,
  planners: request.planners,
  governance: simulationGovernance,
  ...(request.stockoutGate === undefined
    ? {}
    : { plan: { exceptions: { ...defaultExceptionOptions, minStockoutProbability: request.stockoutGate } } }),
  onDay: (policy, day) => post({ kind: "day", policy, day }),
});
post({ kind: "done", result, seriesCount: twin.series.length });
