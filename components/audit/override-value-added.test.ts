import { describe, expect, it } from "vitest";
import { forecastOverrideIdOf, readValueAdded, valueAddedQuery } from "./override-value-added";

describe("forecastOverrideIdOf", () => {
  it("reads the override from a record that audits the exception", () => {
    const event = { action: "forecast.overridden", entityType: "Exception", entityId: "ex1", after: { forecastOverrideId: "fo1", dailyUnits: 12 } };
    expect(forecastOverrideIdOf(event)).toBe("fo1");
  });

  it("reads the override an approved forecast change wrote", () => {
    const event = { action: "forecast.changed_by_approval", entityType: "Exception", entityId: "ex1", after: { forecastOverrideId: "fo3", recommendationId: "r1" } };
    expect(forecastOverrideIdOf(event)).toBe("fo3");
  });

  it("uses the entity when the record audits the override itself", () => {
    expect(forecastOverrideIdOf({ action: "forecast.overridden", entityType: "ForecastOverride", entityId: "fo2", after: null })).toBe("fo2");
  });

  it("is null for other actions and for records without an override id", () => {
    expect(forecastOverrideIdOf({ action: "exception.snoozed", entityType: "Exception", entityId: "ex1", after: { forecastOverrideId: "fo1" } })).toBeNull();
    expect(forecastOverrideIdOf({ action: "forecast.overridden", entityType: "Exception", entityId: "ex1", after: "not json" })).toBeNull();
  });
});

describe("valueAddedQuery", () => {
  it("asks the audit API for the newest measurement of one override", () => {
    expect(Object.fromEntries(new URLSearchParams(valueAddedQuery("fo1")))).toEqual({
      action: "forecast.value_added_measured",
      entityType: "ForecastOverride",
      entityId: "fo1",
      limit: "1",
    });
  });
});

describe("readValueAdded", () => {
  const after = { statisticalAbsError: 18, overrideAbsError: 30, fva: -12, actualUnits: 36, daysMeasured: 3 };

  it("reads a measurement", () => {
    expect(readValueAdded({ action: "forecast.value_added_measured", after })).toEqual(after);
  });

  it("is null when nothing was measured yet or the record is malformed", () => {
    expect(readValueAdded(undefined)).toBeNull();
    expect(readValueAdded({ action: "forecast.overridden", after })).toBeNull();
    expect(readValueAdded({ action: "forecast.value_added_measured", after: { fva: "big" } })).toBeNull();
  });
});
