import { describe, expect, it } from "vitest";
import { nextScheduledRun, readPlanSchedule } from "./plan-schedule";

describe("plan schedule", () => {
  it("reads HH:MM, treats unset as off and refuses anything else", () => {
    expect(readPlanSchedule({ STOCKPILOT_PLAN_SCHEDULE: "02:00" })).toBe("02:00");
    expect(readPlanSchedule({})).toBeNull();
    expect(readPlanSchedule({ STOCKPILOT_PLAN_SCHEDULE: " " })).toBeNull();
    expect(() => readPlanSchedule({ STOCKPILOT_PLAN_SCHEDULE: "2am" })).toThrow(/HH:MM/);
    expect(() => readPlanSchedule({ STOCKPILOT_PLAN_SCHEDULE: "24:00" })).toThrow(/HH:MM/);
  });

  it("schedules later today, or tomorrow once the time has passed (local time)", () => {
    const morning = new Date(2026, 10, 23, 1, 30);
    expect(nextScheduledRun("02:00", morning)).toEqual(new Date(2026, 10, 23, 2, 0));
    expect(nextScheduledRun("02:00", new Date(2026, 10, 23, 2, 0))).toEqual(new Date(2026, 10, 24, 2, 0));
    expect(nextScheduledRun("02:00", new Date(2026, 10, 23, 15, 0))).toEqual(new Date(2026, 10, 24, 2, 0));
  });
});
