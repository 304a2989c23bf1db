import "server-only";
/** Characters that make spreadsheet programs treat a text cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function encodeCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  // Numbers are written as they are (a negative number is not a formula); text is neutralised.
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a header row, safe to open in a spreadsheet. */
export function encodeCsv<Row extends object>(columns: readonly (keyof Row & string)[], rows: readonly Row[]): string {
  const lines = [columns.join(","), ...rows.map((row) => columns.map((c) => encodeCell(row[c])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
