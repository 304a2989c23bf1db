import type { DayNumber, DemandSeries } from "../types";
import { seededRandom } from "../seeded-random";
import { samplePoisson, sampleGamma } from "./sample-demand";

export interface SyntheticPanel {
  /** History of each series (stock-outs censored, flagged). */
  series: DemandSeries[];
  /** Demand of the `holdoutDays` after the history, uncensored. */
  holdout: Float64Array[];
  /** Promotion flags over the holdout, known in advance. */
  futurePromo: Map<string, Uint8Array>;
  /**
   * Expected value of each holdout day given the generator's state at the origin (expected sales where
   * stock-outs censor the holdout): the oracle, as good as a forecast of the mean can be in squared error.
   */
  expected?: Float64Array[];
}

export interface SyntheticPanelOptions {
  seriesCount: number;
  historyDays?: number;
  holdoutDays?: number;
  seed?: number;
  /** Series per pooling group. */
  groupSize?: number;
  firstDay?: DayNumber;
}


type Kind = "smooth" | "seasonal" | "trend" | "intermittent" | "lumpy" | "launch";
const KINDS: Kind[] = ["smooth", "smooth", "seasonal", "seasonal", "trend", "intermittent", "intermittent", "intermittent", "lumpy", "launch"];

/**
 * A seeded retail-like panel: groups share a weekday profile, a yearly season and a promotion uplift;
 * series are smooth, strongly seasonal, trending, intermittent, lumpy or launched mid-history, with
 * negative-binomial noise, promotions and stock-outs that censor sales.
 */
export function generateSyntheticPanel(options: SyntheticPanelOptions): SyntheticPanel {
  const historyDays = options.historyDays ?? 730;
  const holdoutDays = options.holdoutDays ?? 28;
  const groupSize = options.groupSize ?? 50;
  const firstDay = options.firstDay ?? 19000;
  const random = seededRandom(options.seed ?? 42);
  const totalDays = historyDays + holdoutDays;
  const groupCount = Math.max(1, Math.ceil(options.seriesCount / groupSize));
  const groups = Array.from({ length: groupCount }, () => {
    const weekday = Array.from({ length: 7 }, () => 0.7 + 0.6 * random());
    return { weekday, yearlyAmplitude: 0.5 * random(), yearlyPhase: 2 * Math.PI * random(), uplift: 1.3 + 1.2 * random() };
  });
  const series: DemandSeries[] = [];
  const holdout: Float64Array[] = [];
  const futurePromo = new Map<string, Uint8Array>();
  for (let i = 0; i < options.seriesCount; i++) {
    const group = groups[i % groupCount]!;
    const kind = KINDS[Math.floor(random() * KINDS.length)]!;
    const level =
      kind === "intermittent" ? 0.1 + 0.6 * random() : kind === "lumpy" ? 0.05 + 0.25 * random() : 2 + 40 * random() ** 2;
    const size = kind === "lumpy" ? 0.3 + random() : 1 + 9 * random();
    /** Relative change of the level over the whole span: −60 % to +90 %. */
    const growth = kind === "trend" ? (random() - 0.4) * 1.5 : 0;
    const yearly = kind === "seasonal" ? 1.5 : 1;
    const start = kind === "launch" ? Math.floor(historyDays * (0.3 + 0.5 * random())) : 0;
    const ownWeekday = group.weekday.map((w) => w * (0.85 + 0.3 * random()));
    const units = new Float64Array(totalDays);
    const onPromo = new Uint8Array(totalDays);
    const stockout = new Uint8Array(totalDays);
    const demand = new Float64Array(totalDays);
    let promoLeft = 0;
    let stockoutLeft = 0;
    for (let t = 0; t < totalDays; t++) {
      const day = firstDay + t;
      if (promoLeft === 0 && random() < 1 / 45) promoLeft = 3 + Math.floor(random() * 5);
      if (promoLeft > 0) { onPromo[t] = 1; promoLeft--; }
      if (t < start) continue;
      const season = 1 + yearly * group.yearlyAmplitude * Math.sin((2 * Math.PI * day) / 365.25 + group.yearlyPhase);
      const mean = Math.max(0, level * Math.max(0.05, 1 + (growth * (t - start)) / totalDays) * ownWeekday[(((day % 7) + 7) % 7)]! * Math.max(0.05, season) * (onPromo[t] ? group.uplift : 1));
      demand[t] = samplePoisson(random, sampleGamma(random, size) * (mean / size));
      units[t] = demand[t]!;
      if (t < historyDays) {
        if (stockoutLeft === 0 && random() < 1 / 120) stockoutLeft = 2 + Math.floor(random() * 4);
        if (stockoutLeft > 0) {
          stockout[t] = 1;
          units[t] = Math.floor(demand[t]! * 0.5 * random());
          stockoutLeft--;
        }
      }
    }
    const id = `L${String(i % 97).padStart(3, "0")}|S${String(i).padStart(6, "0")}`;
    series.push({
      id,
      firstDay,
      units: units.slice(0, historyDays),
      onPromo: onPromo.slice(0, historyDays),
      stockout: stockout.slice(0, historyDays),
      group: `G${i % groupCount}`,
    });
    holdout.push(demand.slice(historyDays));
    futurePromo.set(id, onPromo.slice(historyDays));
  }
  return { series, holdout, futurePromo };
}
