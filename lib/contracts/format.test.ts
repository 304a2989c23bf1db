import { describe, expect, it } from "vitest";
import { formatDate, formatSalesThrough } from "./format";

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
