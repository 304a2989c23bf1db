import { describe, expect, it } from "vitest";
import { formatDate, formatInt, formatSalesThrough, formatUnits, inSentence } from "./format";

describe("a plan's dates", () => {
  it("names the last sales day a plan stood on, the day before the day it plans for", () => {
    expect(formatDate("2026-12-01T00:00:00.000Z")).toBe("1 Dec 2026");
    expect(formatSalesThrough("2026-12-01T00:00:00.000Z")).toBe("30 Nov 2026");
    expect(formatSalesThrough("2027-01-01")).toBe("31 Dec 2026");
  });

  it("shows a dash when there is no plan yet", () => {
    expect(formatSalesThrough(null)).toBe("—");
  });
});

describe("a label inside a sentence", () => {
  it("is lower case but keeps acronyms as written", () => {
    expect(inSentence("Cut PO")).toBe("cut PO");
    expect(inSentence("Confirm or cancel PO")).toBe("confirm or cancel PO");
    expect(inSentence("Raise order")).toBe("raise order");
  });
});

describe("units and counts", () => {
  it("read zero as 0, never -0: an axis tick at -0 or a value rounding to zero from below", () => {
    expect(formatUnits(-0)).toBe("0");
    expect(formatUnits(-0.04)).toBe("0");
    expect(formatUnits(Math.ceil(-0.3 / 50) * 50)).toBe("0");
    expect(formatInt(Math.round(-0.3))).toBe("0");
  });

  it("keep the sign of a real negative and group thousands", () => {
    expect(formatUnits(-120)).toBe("-120");
    expect(formatUnits(-0.4)).toBe("-0.4");
    expect(formatUnits(12400)).toBe("12,400");
    expect(formatInt(-3)).toBe("-3");
  });
});
