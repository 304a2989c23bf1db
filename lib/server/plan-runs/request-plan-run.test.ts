import { describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { SYSTEM_ACTOR } from "../actor";
import { readPlanWorkerMode } from "./plan-worker-mode";
import { requestPlanRun, requestSeriesReplan } from "./request-plan-run";

describe("requestPlanRun, the one door", () => {
  it("absorbs a request into a run waiting for the same scope, but not into one for another scope", async () => {
    const whole = await requestPlanRun(db, { trigger: "import" });
    expect(await requestPlanRun(db, { trigger: "manual" })).toMatchObject({ id: whole.id, trigger: "import" });
    const scoped = await requestPlanRun(db, { trigger: "event", scope: { productId: 7 } });
    expect(scoped.id).not.toBe(whole.id);
    expect(await requestPlanRun(db, { trigger: "event", scope: { productId: 7 } })).toMatchObject({ id: scoped.id });
    const audited = await db.auditEvent.count({ where: { action: "plan_run.queued" } });
    expect(audited).toBe(2);
  });

  it("plans the daily scheduled run once when several workers ask for it, even after one claimed it", async () => {
    const scheduledAt = new Date();
    const first = await requestPlanRun(db, { trigger: "schedule", scope: { productId: 99 }, onceSince: scheduledAt });
    // Another worker claims it before the second worker's timer fires.
    await db.planRun.update({ where: { id: first.id }, data: { status: "running", startedAt: new Date() } });
    expect(await requestPlanRun(db, { trigger: "schedule", scope: { productId: 99 }, onceSince: scheduledAt })).toMatchObject({ id: first.id });
    // The next day's schedule is a new run.
    const tomorrow = new Date(Date.now() + 1_000);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await requestPlanRun(db, { trigger: "schedule", scope: { productId: 99 }, onceSince: tomorrow })).id).not.toBe(first.id);
  });

  it("replans series a decision changed: one run per product, the series alone or the product at every location; nothing for none", async () => {
    expect(await requestSeriesReplan(db, SYSTEM_ACTOR, [])).toEqual([]);
    const runs = await requestSeriesReplan(db, SYSTEM_ACTOR, [
      { locationId: 2, productId: 41 },
      { locationId: 1, productId: 40 },
      { locationId: 2, productId: 40 },
      { locationId: 2, productId: 41 },
    ]);
    expect(runs.map((run) => [run.trigger, run.scope])).toEqual([
      ["event", JSON.stringify({ productId: 40 })],
      ["event", JSON.stringify({ productId: 41, locationId: 2 })],
    ]);
    // The same series again while its run waits: absorbed.
    expect((await requestSeriesReplan(db, SYSTEM_ACTOR, [{ locationId: 2, productId: 41 }]))[0]!.id).toBe(runs[1]!.id);
  });

  it("answers no replan, without throwing, when the replan cannot be queued after a committed decision", async () => {
    const failing = { $transaction: () => Promise.reject(new Error("disk I/O error")) } as unknown as typeof db;
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await requestSeriesReplan(failing, SYSTEM_ACTOR, [{ locationId: 1, productId: 40 }])).toEqual([]);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("could not be queued"), expect.any(Error));
    logged.mockRestore();
  });

  it("reads the worker mode: local by default, external on request, anything else refused", () => {
    expect(readPlanWorkerMode({})).toBe("local");
    expect(readPlanWorkerMode({ STOCKPILOT_PLAN_WORKERS: "external" })).toBe("external");
    expect(() => readPlanWorkerMode({ STOCKPILOT_PLAN_WORKERS: "remote" })).toThrow(/local or external/);
  });
});
