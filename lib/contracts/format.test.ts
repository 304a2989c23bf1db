import { describe, expect, it } from "vitest";
import { formatDate, formatSalesThrough, inSentence } from "./format";

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
