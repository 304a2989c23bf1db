import { seededRandom } from "../seeded-random";
import { weekdayOf } from "../calendar";
import type { SyntheticPanel, SyntheticPanelOptions } from "./generate-synthetic-panel";
import { sampleNegativeBinomial } from "./sample-demand";

type Kind = "slow" | "lumpy" | "spiky" | "erratic" | "smooth";
/** Shares of the kinds: about 80 % of the series sell on fewer than 3 days in 4. */
const KINDS: Array<[Kind, number]> = [["slow", 0.4], ["lumpy", 0.25], ["spiky", 0.15], ["erratic", 0.1], ["smooth", 0.1]];
const LOCATIONS = 20;

/**
 * An intermittent-heavy panel (slow movers of a hardware or spare-parts assortment): slow series
 * (sale on 3–40 % of days, small NB sizes), lumpy ones (rare, large and variable orders), spiky slow
 * movers (slow plus occasional bulk orders of 10–60 units), and a minority of erratic and smooth
 * low-volume series; mild weekday profile, rare flagged promotions, quiet spells of 3–8 weeks that
 * may end just before the forecast origin (the "quiet backtest window"), and items that stop selling.
 * Grouped by location; the holdout is what sold.
 */
export function generateIntermittentPanel(options: SyntheticPanelOptions): SyntheticPanel {
  const historyDays = options.historyDays ?? 730;
  const holdoutDays = options.holdoutDays ?? 28;
  const firstDay = options.firstDay ?? 19000;
  const random = seededRandom(options.seed ?? 42);
  const totalDays = historyDays + holdoutDays;
  const weekdays = Array.from({ length: LOCATIONS }, () => Array.from({ length: 7 }, () => 0.8 + 0.4 * random()));
  const series: SyntheticPanel["series"] = [];
  const holdout: Float64Array[] = [];
  const futurePromo = new Map<string, Uint8Array>();
  const expected: Float64Array[] = [];
  for (let i = 0; i < options.seriesCount; i++) {
    const location = i % LOCATIONS;
    let draw = random();
    let kind: Kind = "slow";
    for (const [candidate, share] of KINDS) {
      if (draw < share) { kind = candidate; break; }
      draw -= share;
    }
    const occurrence = kind === "slow" ? 0.03 + 0.37 * random() : kind === "lumpy" || kind === "spiky" ? 0.02 + 0.15 * random() : 1;
    const orderMean = kind === "slow" ? 1 + 1.5 * random() : kind === "lumpy" ? 3 + 12 * random() : kind === "spiky" ? 1 + random() : kind === "erratic" ? 1 + 3 * random() : 3 + 17 * random();
    const size = kind === "lumpy" ? 0.5 + random() : kind === "erratic" ? 0.4 + 0.4 * random() : kind === "smooth" ? 5 + 10 * random() : 2 + 8 * random();
    const bulkChance = kind === "spiky" ? 0.004 + 0.008 * random() : 0;
    const uplift = 1.5 + 1.5 * random();
    const quietStart = random() < 0.2 ? Math.floor(historyDays - 60 - (historyDays - 120) * random() * random()) : -1;
    const quietEnd = quietStart >= 0 ? quietStart + 21 + Math.floor(35 * random()) : -1;
    const endDay = random() < 0.05 ? Math.floor(totalDays * (0.75 + 0.25 * random())) : totalDays;
    const units = new Float64Array(totalDays);
    const means = new Float64Array(totalDays);
    const onPromo = new Uint8Array(totalDays);
    let promoLeft = 0;
    for (let t = 0; t < totalDays; t++) {
      if (promoLeft === 0 && random() < 1 / 90) promoLeft = 5 + Math.floor(random() * 7);
      if (promoLeft > 0) { onPromo[t] = 1; promoLeft--; }
      if (t >= endDay || (t >= quietStart && t < quietEnd)) continue;
      const factor = weekdays[location]![weekdayOf(firstDay + t)]! * (onPromo[t] === 1 ? uplift : 1);
      const chance = Math.min(1, occurrence * factor);
      // A sale happens with `chance` and averages orderMean (slow movers: 1 + NB(orderMean − 1)), scaled by
      // the day's factor for the others; a bulk order adds 10 + U{0..49} units, 34.5 on average.
      means[t] = chance * (occurrence < 1 ? orderMean : orderMean * factor) + bulkChance * 34.5;
      const sells = random() < chance;
      let value = 0;
      if (sells) value = occurrence < 1 ? 1 + sampleNegativeBinomial(random, orderMean - 1 + 1e-9, size) : sampleNegativeBinomial(random, orderMean * factor, size);
      if (bulkChance > 0 && random() < bulkChance) value += 10 + Math.floor(50 * random());
      units[t] = value;
    }
    const id = `W${String(location).padStart(2, "0")}|P${String(i).padStart(6, "0")}`;
    series.push({ id, firstDay, units: units.slice(0, historyDays), onPromo: onPromo.slice(0, historyDays), group: `W${location}` });
    holdout.push(units.slice(historyDays));
    expected.push(means.slice(historyDays));
    futurePromo.set(id, onPromo.slice(historyDays));
  }
  return { series, holdout, futurePromo, expected };
}
