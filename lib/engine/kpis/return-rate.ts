export const RETURN_RATE_DEFINITION =
  "Return rate: units customers returned in the period (returns.csv, return.received events) ÷ units sold in the period, same locations and categories. A return counts in the period it arrives, whatever period the sale was in.";

/** Null without sales: a rate of nothing is not 0 %. */
export function returnRate(returnedUnits: number, soldUnits: number): number | null {
  return soldUnits > 0 ? returnedUnits / soldUnits : null;
}
