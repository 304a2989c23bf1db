import { seededRandom } from "../seeded-random";
import { MS_PER_DAY, weekdayOf } from "../calendar";
import type { SyntheticPanel, SyntheticPanelOptions } from "./generate-synthetic-panel";
import { sampleNegativeBinomial } from "./sample-demand";

const STORES = 10;
/** Stores 0–3, 4–6 and 7–9 are three states, each paying SNAP benefits on its own days of the month. */
const SNAP_DAYS_BY_STATE: Array<(dayOfMonth: number) => boolean> = [
  (d) => d <= 10,
  (d) => d <= 15 && d % 2 === 1,
  (d) => d >= 2 && d <= 15 && d % 3 !== 0,
];
const stateOf = (store: number) => (store < 4 ? 0 : store < 7 ? 1 : 2);
type Category = "FOODS" | "HOUSEHOLD" | "HOBBIES";
/** On an open day with no stock-out under way, one starts with this chance and lasts 3–20 days (uniform). */
const STOCKOUT_CHANCE = 1 / 250;
const STOCKOUT_MIN_DAYS = 3;
const STOCKOUT_LENGTHS = 18;

/**
 * Expected sales of the days after the origin: demand times the chance the item is in stock that day,
 * given the stock-out days left at the origin (the generator's hidden state) and the renewal process
 * above, which advances on open days only (`means` > 0).
 */
function expectedSales(means: Float64Array, stockoutLeft: number): Float64Array {
  // chance[c]: probability that c stock-out days are left before the day is drawn.
  let chance = new Float64Array(STOCKOUT_MIN_DAYS + STOCKOUT_LENGTHS);
  chance[stockoutLeft] = 1;
  const sales = new Float64Array(means.length);
  for (let h = 0; h < means.length; h++) {
    if (!(means[h]! > 0)) continue;
    const next = new Float64Array(chance.length);
    const stays = chance[0]! * (1 - STOCKOUT_CHANCE);
    sales[h] = means[h]! * stays;
    next[0] = stays;
    for (let length = STOCKOUT_MIN_DAYS; length < STOCKOUT_MIN_DAYS + STOCKOUT_LENGTHS; length++) next[length - 1] = next[length - 1]! + (chance[0]! * STOCKOUT_CHANCE) / STOCKOUT_LENGTHS;
    for (let left = 1; left < chance.length; left++) next[left - 1] = next[left - 1]! + chance[left]!;
    chance = next;
  }
  return sales;
}

/**
 * An M5-like panel (Walmart item × store daily unit sales): 10 stores in 3 states × items of three
 * categories; heavy-tailed item popularity (median ≈ 0.6 units/day, so most series are intermittent),
 * weekend peaks, mild yearly season, SNAP days lifting food sales, stores closed on 25 December,
 * flagged price promotions with item-specific uplift, level shifts, slow trends, launches (leading
 * zeros), discontinued items, and stock-outs that are NOT flagged (runs of zero sales), as in M5.
 * Negative-binomial noise. Series are grouped by store, as the forecast CLI groups by location;
 * the holdout is what sold (censored like the history), as in M5's own evaluation, so `expected` is
 * the expected sales: demand times the chance of being in stock given the stock-out state at the origin.
 */
export function generateM5LikePanel(options: SyntheticPanelOptions): SyntheticPanel {
  const historyDays = options.historyDays ?? 730;
  const holdoutDays = options.holdoutDays ?? 28;
  const firstDay = options.firstDay ?? 19000;
  const random = seededRandom(options.seed ?? 42);
  const totalDays = historyDays + holdoutDays;
  const gaussian = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());

  const dayOfMonth = new Uint8Array(totalDays);
  const christmas = new Uint8Array(totalDays);
  for (let t = 0; t < totalDays; t++) {
    const date = new Date((firstDay + t) * MS_PER_DAY);
    dayOfMonth[t] = date.getUTCDate();
    christmas[t] = date.getUTCMonth() === 11 && date.getUTCDate() === 25 ? 1 : 0;
  }
  const storeSize = Array.from({ length: STORES }, () => 0.5 + random());
  const categoryEffects = new Map<Category, { weekday: number[]; yearlyAmplitude: number; yearlyPhase: number; snapLift: number }>();
  for (const category of ["FOODS", "HOUSEHOLD", "HOBBIES"] as Category[]) {
    // weekdayOf: 0 = Thursday, so 2 and 3 are the weekend.
    const weekday = Array.from({ length: 7 }, (_, d) => (d === 2 || d === 3 ? 1.25 + 0.2 * random() : d === 1 ? 1.05 : 0.85 + 0.1 * random()));
    categoryEffects.set(category, {
      weekday,
      yearlyAmplitude: 0.05 + 0.15 * random(),
      yearlyPhase: 2 * Math.PI * random(),
      snapLift: category === "FOODS" ? 0.1 + 0.2 * random() : 0,
    });
  }

  const itemCount = Math.ceil(options.seriesCount / STORES);
  const series: SyntheticPanel["series"] = [];
  const holdout: Float64Array[] = [];
  const futurePromo = new Map<string, Uint8Array>();
  const expected: Float64Array[] = [];
  for (let item = 0; item < itemCount; item++) {
    const draw = random();
    const category: Category = draw < 0.45 ? "FOODS" : draw < 0.8 ? "HOUSEHOLD" : "HOBBIES";
    const effects = categoryEffects.get(category)!;
    const popularity = Math.min(60, Math.exp(Math.log(0.6) + 1.1 * gaussian()));
    const launch = random() < 0.2 ? Math.floor(historyDays * 0.7 * random()) : 0;
    const growth = random() < 0.3 ? (random() - 0.5) * 1.0 : 0;
    const uplift = Math.exp(0.1 + 0.5 * random());
    for (let store = 0; store < STORES && series.length < options.seriesCount; store++) {
      const level = popularity * storeSize[store]! * Math.exp(0.3 * gaussian());
      const size = 0.5 + 4 * random();
      const shiftDay = random() < 0.25 ? Math.floor(totalDays * random()) : totalDays;
      const shift = Math.exp(0.6 * gaussian());
      const endDay = random() < 0.03 ? Math.floor(totalDays * (0.8 + 0.2 * random())) : totalDays;
      const snap = SNAP_DAYS_BY_STATE[stateOf(store)]!;
      const units = new Float64Array(totalDays);
      const means = new Float64Array(totalDays);
      const onPromo = new Uint8Array(totalDays);
      let promoLeft = 0;
      let stockoutLeft = 0;
      let stockoutLeftAtOrigin = 0;
      for (let t = 0; t < totalDays; t++) {
        if (t === historyDays) stockoutLeftAtOrigin = stockoutLeft;
        if (promoLeft === 0 && random() < 1 / 60) promoLeft = 7 + Math.floor(random() * 8);
        if (promoLeft > 0) { onPromo[t] = 1; promoLeft--; }
        if (t < launch || t >= endDay || christmas[t] === 1) continue;
        const day = firstDay + t;
        const yearly = 1 + effects.yearlyAmplitude * Math.sin((2 * Math.PI * day) / 365.25 + effects.yearlyPhase);
        const trend = Math.max(0.1, 1 + (growth * (t - launch)) / totalDays);
        const mean =
          level * trend * (t >= shiftDay ? shift : 1) * effects.weekday[weekdayOf(day)]! * yearly *
          (snap(dayOfMonth[t]!) ? 1 + effects.snapLift : 1) * (onPromo[t] === 1 ? uplift : 1);
        means[t] = mean;
        const demand = sampleNegativeBinomial(random, mean, size);
        if (stockoutLeft === 0 && random() < STOCKOUT_CHANCE) stockoutLeft = STOCKOUT_MIN_DAYS + Math.floor(random() * STOCKOUT_LENGTHS);
        if (stockoutLeft > 0) { stockoutLeft--; continue; }
        units[t] = demand;
      }
      const id = `CA${store}|${category}_${String(item).padStart(5, "0")}`;
      series.push({ id, firstDay, units: units.slice(0, historyDays), onPromo: onPromo.slice(0, historyDays), group: `store${store}` });
      holdout.push(units.slice(historyDays));
      expected.push(expectedSales(means.slice(historyDays), stockoutLeftAtOrigin));
      futurePromo.set(id, onPromo.slice(historyDays));
    }
  }
  return { series, holdout, futurePromo, expected };
}
