import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createException, createLocation, createRecommendation, createUser } from "../../test/factories";
import { decideOnException } from "./decide-on-exception";
import { getExceptionDetail } from "./get-exception-detail";

const northSnacks = [
  { kind: "REGION", value: "NORTH" },
  { kind: "CATEGORY", value: "SNACKS" },
] as const;

describe("exception detail and decisions", () => {
  it("answers 404 for an exception outside the viewer's scope, and for an unknown one", async () => {
    const south = await createLocation({ region: "SOUTH" });
    const exception = await createException({ location: south });
    const planner = await createUser("planner", { scopes: [...northSnacks] });
    await expect(getExceptionDetail(db, planner, exception.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(decideOnException(db, planner, exception.id, { decision: "comment", body: "hi" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getExceptionDetail(db, planner, "missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const manager = await createUser("store_manager", { scopes: [{ kind: "STORE", value: south.code }] });
    await expect(getExceptionDetail(db, manager, exception.id)).resolves.toMatchObject({ id: exception.id });
  });

  it("shows what the viewer may decide, and refuses a role without triage rights with 403", async () => {
    const rec = await createRecommendation();
    const planner = await createUser("planner", { scopes: [...northSnacks] });
    const detail = await getExceptionDetail(db, planner, rec.exceptionId);
    expect(detail.recommendations[0]).toMatchObject({ id: rec.id, status: "pending", tier: "planner", refusals: { approve: null, modify: null, reject: null } });
    expect(detail.can).toEqual({ triage: true, overrideForecast: true });
    const executive = await createUser("executive");
    const asExecutive = await getExceptionDetail(db, executive, rec.exceptionId);
    expect(asExecutive.recommendations[0]!.refusals.approve).toBe("Your role (Executive) does not decide transfer actions.");
    await expect(decideOnException(db, executive, rec.exceptionId, { decision: "comment", body: "no" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      decideOnException(db, executive, rec.exceptionId, { decision: "approve", recommendationId: rec.id, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("answers 409 naming who decided first when two people approve the same version", async () => {
    const rec = await createRecommendation();
    const first = await createUser("planner", { scopes: [...northSnacks], name: "Ada First" });
    const second = await createUser("planner", { scopes: [...northSnacks] });
    await decideOnException(db, first, rec.exceptionId, { decision: "approve", recommendationId: rec.id, expectedVersion: 1 });
    await expect(
      decideOnException(db, second, rec.exceptionId, { decision: "reject", recommendationId: rec.id, expectedVersion: 1, reasonCode: "timing" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Ada First (planner) already approved this item") });
  });

  it("refuses a recommendation of another exception with 404", async () => {
    const rec = await createRecommendation();
    const other = await createException();
    const planner = await createUser("planner", { scopes: [...northSnacks] });
    await expect(
      decideOnException(db, planner, other.id, { decision: "approve", recommendationId: rec.id, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("snoozes and assigns under the exception's version, audited, and names who changed it first on a stale version", async () => {
    const exception = await createException();
    const planner = await createUser("planner", { scopes: [...northSnacks], name: "Sam Snoozer" });
    const other = await createUser("planner", { scopes: [...northSnacks] });
    const response = await decideOnException(db, planner, exception.id, { decision: "snooze", expectedVersion: 1, until: "2999-01-01" });
    expect(response.exception).toMatchObject({ status: "snoozed", snoozedUntil: "2999-01-01T00:00:00.000Z", version: 2 });
    expect(response.exception.history.audit[0]).toMatchObject({ action: "exception.snoozed", actor: { id: planner.id, name: "Sam Snoozer" } });
    await expect(decideOnException(db, other, exception.id, { decision: "assign", expectedVersion: 1, assigneeId: other.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Sam Snoozer (planner) changed this exception (exception.snoozed)"),
    });
    const outsider = await createUser("planner", { scopes: [{ kind: "REGION", value: "SOUTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
    await expect(decideOnException(db, other, exception.id, { decision: "assign", expectedVersion: 2, assigneeId: outsider.id })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    const assigned = await decideOnException(db, other, exception.id, { decision: "assign", expectedVersion: 2, assigneeId: other.id });
    expect(assigned.exception.assignee).toEqual({ id: other.id, name: other.name });
  });
});
