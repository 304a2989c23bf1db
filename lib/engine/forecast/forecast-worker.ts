import { parentPort } from "node:worker_threads";
import type { WorkerInit, WorkerRequest, WorkerResponse } from "./forecast-panel";
import { forecastRange, resolveQuantiles } from "./forecast-panel";
import { packForecasts, unpackSeries } from "./pack-panel";

/** Worker side of forecastPanelParallel: first the panel context (pooled effects, calibration) and options, then batches of series. */
let init: WorkerInit | undefined;

parentPort?.on("message", (message: WorkerInit | WorkerRequest) => {
  if (message.kind === "init") {
    init = message;
    return;
  }
  if (!init) throw new Error("forecast worker received a batch before its panel context");
  const series = unpackSeries(message.packed);
  const futurePromo = new Map<string, Uint8Array>();
  const warmStart = new Map<string, unknown>();
  series.forEach((s, i) => {
    const promo = message.futurePromo[i];
    if (promo) futurePromo.set(s.id, promo);
    if (message.warmStart[i] !== undefined) warmStart.set(s.id, message.warmStart[i]);
  });
  const forecasts = forecastRange(series, init.context, { ...init.options, futurePromo, warmStart });
  const { packed, transfer } = packForecasts(forecasts, init.options.horizon, resolveQuantiles(init.options.quantiles));
  const response: WorkerResponse = { batch: message.batch, packed };
  parentPort?.postMessage(response, transfer);
});
