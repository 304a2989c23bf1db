export { wape } from "./wape";
export { mase } from "./mase";
export { rmsse } from "./rmsse";
export { bias } from "./bias";
export { pinballLoss } from "./pinball-loss";
export { intervalCoverage } from "./interval-coverage";
export { trackingSignal } from "./tracking-signal";
export { cusum, type CusumResult } from "./cusum";
export { naiveScale } from "./naive-scale";
