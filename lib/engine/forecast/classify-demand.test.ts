import { describe, expect, it } from "vitest";
import { classifyDemand } from "./classify-demand";

const f = (values: number[]) => Float64Array.from(values);

describe("classifyDemand (ADI / CV² with cut-offs 1.32 / 0.49)", () => {
  it("smooth: a sale every day of similar size", () => expect(classifyDemand(f([5, 6, 5, 6]))).toBe("smooth"));
  it("erratic: every day but sizes 1 and 10 (CV² = 20.25 / 30.25 ≈ 0.67)", () => expect(classifyDemand(f([1, 10, 1, 10]))).toBe("erratic"));
  it("intermittent: a sale every third day (ADI = 3), constant size", () => expect(classifyDemand(f([0, 0, 5, 0, 0, 5]))).toBe("intermittent"));
  it("lumpy: a sale every third day with sizes 1 and 10", () => expect(classifyDemand(f([0, 0, 1, 0, 0, 10]))).toBe("lumpy"));
  it("the ADI cut-off sits between 1.25 and 1.33 days per sale", () => {
    expect(classifyDemand(f([0, 3, 3, 3, 3]))).toBe("smooth"); // ADI 1.25
    expect(classifyDemand(f([0, 3, 3, 3]))).toBe("intermittent"); // ADI 1.33
  });
  it("skips NaN days and calls a series without sales lumpy", () => {
    expect(classifyDemand(f([5, NaN, 6, NaN, 5]))).toBe("smooth");
    expect(classifyDemand(f([0, 0, 0]))).toBe("lumpy");
  });
});
