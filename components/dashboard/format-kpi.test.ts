import { describe, expect, it } from "vitest";
import { describeChange } from "./format-kpi";

describe("a KPI's change against the previous period", () => {
  it("reads points for a percentage and a relative change for the rest", () => {
    expect(describeChange(0.95, 0.9, "percent")).toEqual({ direction: 1, text: "+5.0 pts" });
    expect(describeChange(0.79, 0.815, "ratio")).toEqual({ direction: -1, text: "−3.1%" });
  });

  it("says no change, with no direction, when the change rounds away at the shown precision", () => {
    expect(describeChange(0.99996, 1, "percent")).toEqual({ direction: 0, text: "no change" });
    expect(describeChange(1000.2, 1000, "money")).toEqual({ direction: 0, text: "no change" });
    expect(describeChange(5, 5, "count")).toEqual({ direction: 0, text: "no change" });
  });

  it("names the base instead of a huge percentage", () => {
    expect(describeChange(134, 0, "money")).toEqual({ direction: 1, text: "+$134 from $0" });
  });
});
