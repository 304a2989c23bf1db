import { describe, expect, it } from "vitest";
import { forecastMethodLabel } from "./forecast-methods";

describe("forecast method labels", () => {
  it("names a combination's members in words, whatever order the fit listed them", () => {
    expect(forecastMethodLabel("mean(ses+adida+ma365)")).toBe("Blend: 1-year avg, ADIDA, exp. smoothing");
    expect(forecastMethodLabel("mean(adida + ma365 + ses)")).toBe(forecastMethodLabel("mean(ses+adida+ma365)"));
  });

  it("names single methods and dependent demand, and leaves an unknown name as it is", () => {
    expect(forecastMethodLabel("tsb")).toBe("TSB");
    expect(forecastMethodLabel("ses + downstream of 12")).toBe("Exp. smoothing plus demand of 12 supplied locations");
    expect(forecastMethodLabel("prophet")).toBe("prophet");
    expect(forecastMethodLabel("mean(tsb+ma365) after a stop")).toBe("Blend: 1-year avg, TSB, cut to the rate since sales stopped");
  });
});
