import { describe, expect, it } from "vitest";
import { makeDriver } from "./make-driver";

describe("makeDriver's text", () => {
  it("separates thousands in units and counts, keeps a decimal below ten units, and never writes −0", () => {
    expect(makeDriver("k", "on hand plus on order", 3879.4, "units").text).toBe("3,879 units");
    expect(makeDriver("k", "on hand", 2.46, "units").text).toBe("2.5 units");
    expect(makeDriver("k", "on hand", -0.01, "units").text).toBe("0 units");
    expect(makeDriver("k", "stores", 12034, "count").text).toBe("12,034");
    expect(makeDriver("k", "at risk", 1234.5, "money").text).toBe("$1,235");
  });
});
