import type { Driver, DriverUnit } from "./exception-types";

/** A driver whose text is its value formatted once, so summaries can only repeat the driver's numbers. */
/** The noun a count driver's label starts with, agreeing with the count it is read after ("1 product", "2 products"). */
export function countNoun(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}

export function makeDriver(key: string, label: string, value: number, unit: DriverUnit, reference?: string): Driver {
  return { key, label, value, unit, text: formatDriverValue(value, unit), ...(reference === undefined ? {} : { reference }) };
}

function formatDriverValue(value: number, unit: DriverUnit): string {
  const rounded = (digits: number) => Number(value.toFixed(digits)).toString();
  // Thousands separated ("3,879 units"); + 0 turns a rounded −0 into 0.
  const grouped = (digits: number) => (Number(value.toFixed(digits)) + 0).toLocaleString("en-US", { maximumFractionDigits: digits });
  switch (unit) {
    case "units":
      return `${Math.abs(value) >= 10 ? grouped(0) : grouped(1)} units`;
    case "days":
      return rounded(1) === "1" ? "1 day" : `${rounded(1)} days`;
    case "weeks":
      return `${rounded(1)} weeks`;
    case "percent":
      return `${value > 0 ? "+" : ""}${rounded(0)}%`;
    case "probability":
      // "0%" would claim impossibility; a rare event is stated as its odds.
      if (value > 0 && value < 1e-6) return "under 1 in a million";
      return value > 0 && value < 0.005 ? `1 in ${Number((1 / value).toPrecision(2)).toLocaleString("en-US")}` : `${Number((value * 100).toFixed(0))}%`;
    case "money":
      return `$${Math.round(value).toLocaleString("en-US")}`;
    case "ratio":
      return rounded(2);
    case "count":
      return grouped(0);
  }
}
