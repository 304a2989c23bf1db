import { describe, expect, it } from "vitest";
import { nearTermMean } from "./forecast-override-form";

describe("the starting point of a forecast override", () => {
  const history = [null, null];
  it("is the mean of the first two forecast weeks", () => {
    expect(nearTermMean({ forecastStartIndex: 2, mean: [...history, ...Array<number>(14).fill(3), 99], ownMean: null })).toBe(3);
  });

  it("is a DC's own forecast, not the demand its stores pull through it (an override replaces the DC's own)", () => {
    expect(nearTermMean({ forecastStartIndex: 2, mean: [...history, ...Array<number>(14).fill(40)], ownMean: [...history, ...Array<number>(14).fill(2)] })).toBe(2);
  });
});
