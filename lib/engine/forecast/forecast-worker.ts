import { parentPort, workerData } from "node:worker_threads";
import type { WorkerInit, WorkerRequest, WorkerResponse } from "./forecast-panel";
import { forecastRange, resolveQuantiles } from "./forecast-panel";
import { packForecasts, unpackSeries } from "./pack-panel";

/** Worker side of forecastPanelParallel: forecasts each batch against the pooled effects it was started with. */
const init = workerData as WorkerInit;
const levels = resolveQuantiles(init.options.quantiles);

parentPort?.on("message", (request: WorkerRequest) => {
  const series = unpackSeries(request.packed);
  const futurePromo = new Map<string, Uint8Array>();
  const warmStart = new Map<string, unknown>();
  series.forEach((s, i) => {
    const promo = request.futurePromo[i];
    if (promo) futurePromo.set(s.id, promo);
    if (request.warmStart[i] !== undefined) warmStart.set(s.id, request.warmStart[i]);
  });
  const forecasts = forecastRange(series, init.pooled, { ...init.options, futurePromo, warmStart });
  const { packed, transfer } = packForecasts(forecasts, init.options.horizon, levels);
  const response: WorkerResponse = { batch: request.batch, packed };
  parentPort?.postMessage(response, transfer);
});
