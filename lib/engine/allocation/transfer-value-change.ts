import { type StockHolding, stockValue } from "./stock-value";

/**
 * Value gained at the destination minus value lost at the source when `units` move from one to the
 * other, before the cost of moving them. 0 at 0 units and concave in units (a sum of concave stock
 * values), so a larger transfer always adds less per unit than a smaller one.
 */
export function transferValueChange(source: StockHolding, destination: StockHolding, units: number): number {
  return (
    stockValue(destination, destination.stock + units) -
    stockValue(destination, destination.stock) -
    (stockValue(source, source.stock) - stockValue(source, source.stock - units))
  );
}
