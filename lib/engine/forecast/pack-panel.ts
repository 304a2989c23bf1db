import type { DemandClass, DemandSeries, SeriesForecast } from "../types";

/** A batch of series flattened into a few typed arrays, cheap to transfer to a worker thread. */
export interface PackedSeries {
  ids: string[];
  groups: Array<string | undefined>;
  firstDays: Float64Array;
  /** Series i occupies [offsets[i], offsets[i + 1]) of units / onPromo / stockout. */
  offsets: Int32Array;
  units: Float64Array;
  onPromo: Uint8Array;
  stockout: Uint8Array;
  /** 1 where the series carried the flag array at all. */
  hasPromo: Uint8Array;
  hasStockout: Uint8Array;
}

export interface PackedForecasts {
  ids: string[];
  methods: string[];
  demandClasses: DemandClass[];
  firstDays: Float64Array;
  horizon: number;
  levels: number[];
  mean: Float64Array;
  nbSize: Float64Array;
  /** Per series, levels.length rows of horizon values. */
  quantiles: Float64Array;
  /** Per series: wape, mase, rmsse, bias, coverage80, trackingSignal. */
  accuracy: Float64Array;
  hasAccuracy: Uint8Array;
  states: unknown[];
}

const ACCURACY_FIELDS = 6;

export function packSeries(series: DemandSeries[]): { packed: PackedSeries; transfer: ArrayBuffer[] } {
  const offsets = new Int32Array(series.length + 1);
  for (let i = 0; i < series.length; i++) offsets[i + 1] = offsets[i]! + series[i]!.units.length;
  const total = offsets[series.length]!;
  const units = new Float64Array(total);
  const onPromo = new Uint8Array(total);
  const stockout = new Uint8Array(total);
  const hasPromo = new Uint8Array(series.length);
  const hasStockout = new Uint8Array(series.length);
  const firstDays = new Float64Array(series.length);
  series.forEach((s, i) => {
    units.set(s.units, offsets[i]!);
    if (s.onPromo) { onPromo.set(s.onPromo.subarray(0, s.units.length), offsets[i]!); hasPromo[i] = 1; }
    if (s.stockout) { stockout.set(s.stockout.subarray(0, s.units.length), offsets[i]!); hasStockout[i] = 1; }
    firstDays[i] = s.firstDay;
  });
  const packed: PackedSeries = {
    ids: series.map((s) => s.id),
    groups: series.map((s) => s.group),
    firstDays,
    offsets,
    units,
    onPromo,
    stockout,
    hasPromo,
    hasStockout,
  };
  return { packed, transfer: [offsets.buffer, units.buffer, onPromo.buffer, stockout.buffer, hasPromo.buffer, hasStockout.buffer, firstDays.buffer] };
}

export function unpackSeries(packed: PackedSeries): DemandSeries[] {
  return packed.ids.map((id, i) => {
    const from = packed.offsets[i]!;
    const to = packed.offsets[i + 1]!;
    const group = packed.groups[i];
    return {
      id,
      firstDay: packed.firstDays[i]!,
      units: packed.units.subarray(from, to),
      ...(packed.hasPromo[i] === 1 ? { onPromo: packed.onPromo.subarray(from, to) } : {}),
      ...(packed.hasStockout[i] === 1 ? { stockout: packed.stockout.subarray(from, to) } : {}),
      ...(group !== undefined ? { group } : {}),
    };
  });
}

export function packForecasts(forecasts: SeriesForecast[], horizon: number, levels: number[]): { packed: PackedForecasts; transfer: ArrayBuffer[] } {
  const count = forecasts.length;
  const mean = new Float64Array(count * horizon);
  const quantiles = new Float64Array(count * levels.length * horizon);
  const accuracy = new Float64Array(count * ACCURACY_FIELDS);
  const hasAccuracy = new Uint8Array(count);
  const nbSize = new Float64Array(count);
  const firstDays = new Float64Array(count);
  forecasts.forEach((f, i) => {
    mean.set(f.mean, i * horizon);
    f.quantiles.forEach((q, j) => quantiles.set(q.values, (i * levels.length + j) * horizon));
    nbSize[i] = f.nbSize;
    firstDays[i] = f.firstDay;
    if (f.accuracy) {
      const a = f.accuracy;
      accuracy.set([a.wape, a.mase, a.rmsse, a.bias, a.coverage80, a.trackingSignal], i * ACCURACY_FIELDS);
      hasAccuracy[i] = 1;
    }
  });
  const packed: PackedForecasts = {
    ids: forecasts.map((f) => f.id),
    methods: forecasts.map((f) => f.method),
    demandClasses: forecasts.map((f) => f.demandClass),
    firstDays,
    horizon,
    levels,
    mean,
    nbSize,
    quantiles,
    accuracy,
    hasAccuracy,
    states: forecasts.map((f) => f.state),
  };
  return { packed, transfer: [mean.buffer, quantiles.buffer, accuracy.buffer, hasAccuracy.buffer, nbSize.buffer, firstDays.buffer] };
}

export function unpackForecasts(packed: PackedForecasts): SeriesForecast[] {
  const { horizon, levels } = packed;
  return packed.ids.map((id, i) => {
    const base = i * ACCURACY_FIELDS;
    const acc = packed.accuracy;
    return {
      id,
      method: packed.methods[i]!,
      demandClass: packed.demandClasses[i]!,
      firstDay: packed.firstDays[i]!,
      mean: packed.mean.subarray(i * horizon, (i + 1) * horizon),
      nbSize: packed.nbSize[i]!,
      quantiles: levels.map((level, j) => ({
        level,
        values: packed.quantiles.subarray((i * levels.length + j) * horizon, (i * levels.length + j + 1) * horizon),
      })),
      ...(packed.hasAccuracy[i] === 1
        ? {
            accuracy: {
              wape: acc[base]!,
              mase: acc[base + 1]!,
              rmsse: acc[base + 2]!,
              bias: acc[base + 3]!,
              coverage80: acc[base + 4]!,
              trackingSignal: acc[base + 5]!,
            },
          }
        : {}),
      ...(packed.states[i] !== undefined ? { state: packed.states[i] } : {}),
    };
  });
}
