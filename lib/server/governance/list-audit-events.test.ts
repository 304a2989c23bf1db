import { beforeAll, describe, expect, it } from "vitest";
import type { ActorRole } from "../actor";
import { db } from "../db";
import { recordAuditEvent } from "../audit/record-audit-event";
import { createUser, type TestUser } from "../../test/factories";
import { listAuditEvents } from "./list-audit-events";
import { ZAuditQuery } from "../../contracts/audit";
import { listAuditFilterOptions } from "./list-audit-filter-options";

const query = (input: Record<string, unknown>) => ZAuditQuery.parse(input);

const append = (actorId: string | null, role: ActorRole, action: "policy.updated" | "decision.approved" | "decision.rejected", entityId: string) =>
  db.$transaction((tx) =>
    recordAuditEvent(tx, {
      actor: { id: actorId, role, scopes: [] },
      action,
      entityType: action.startsWith("policy") ? "ApprovalPolicy" : "Recommendation",
      entityId,
      before: { status: "pending" },
      after: { status: "approved" },
    }),
  );

describe("listAuditEvents", () => {
  let admin: TestUser;
  let planner: TestUser;
  /** Rows already in the log (db:migrate's policy.seeded); the four below follow them. */
  let base: number;
  const seq = (n: number) => base + n;
  beforeAll(async () => {
    base = await db.auditEvent.count();
    admin = await createUser("admin", { name: "Alex Admin" });
    planner = await createUser("planner", { name: "Priya Planner" });
    await append(admin.id, "admin", "policy.updated", "2");
    await append(planner.id, "planner", "decision.approved", "rec-1");
    await append(planner.id, "planner", "decision.rejected", "rec-2");
    await append(null, "system", "decision.approved", "rec-3");
  });

  it("leaves out the system's own rows when asked for people's rows only", async () => {
    const page = await listAuditEvents(db, query({ rows: "people" }));
    expect(page.events.map((e) => e.seq)).toEqual([seq(3), seq(2), seq(1)]);
  });

  it("returns newest first with the actor's name and before/after parsed", async () => {
    const page = await listAuditEvents(db, query({}));
    expect(page.events.map((e) => e.seq).slice(0, 4)).toEqual([seq(4), seq(3), seq(2), seq(1)]);
    expect(page.events[1]).toMatchObject({ actorName: "Priya Planner", action: "decision.rejected", before: { status: "pending" } });
    expect(page.events[0]).toMatchObject({ actorId: null, actorName: null, actorRole: "system" });
    expect(page.nextBeforeSeq).toBeNull();
  });

  it("filters by who, by one action or a group of actions, by entity and by day", async () => {
    const seqs = async (input: Record<string, unknown>) => (await listAuditEvents(db, query(input))).events.map((e) => e.seq);
    expect(await seqs({ actorId: planner.id })).toEqual([seq(3), seq(2)]);
    expect(await seqs({ action: "decision" })).toEqual([seq(4), seq(3), seq(2)]);
    expect(await seqs({ action: "decision.approved" })).toEqual([seq(4), seq(2)]);
    expect(await seqs({ action: "policy.updated" })).toEqual([seq(1)]);
    expect(await seqs({ entityId: "rec-2" })).toEqual([seq(3)]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await seqs({ from: today, to: today })).slice(0, 4)).toEqual([seq(4), seq(3), seq(2), seq(1)]);
    expect(await seqs({ to: "2000-01-01" })).toEqual([]);
  });

  it("pages backwards by sequence number", async () => {
    const first = await listAuditEvents(db, query({ limit: 3 }));
    expect(first.events.map((e) => e.seq)).toEqual([seq(4), seq(3), seq(2)]);
    expect(first.nextBeforeSeq).toBe(seq(2));
    const second = await listAuditEvents(db, query({ limit: 3, beforeSeq: seq(2) }));
    expect(second.events.map((e) => e.seq)).toEqual(Array.from({ length: seq(1) }, (_, i) => seq(1) - i));
    expect(second.nextBeforeSeq).toBeNull();
  });

  it("refuses unknown actions at the boundary", () => {
    expect(ZAuditQuery.safeParse({ action: "decision.deleted" }).success).toBe(false);
  });

  it("offers only actors and entity types that occur in the log as filter choices", async () => {
    expect(await listAuditFilterOptions(db)).toEqual({
      actors: [
        { id: admin.id, name: "Alex Admin", role: "admin" },
        { id: planner.id, name: "Priya Planner", role: "planner" },
      ],
      entityTypes: ["ApprovalPolicy", "Recommendation"],
    });
  });

  it("describes a plan run and an import by what they cover, not by their ids", async () => {
    const run = await db.planRun.create({ data: { trigger: "manual", status: "succeeded", asOf: new Date("2026-11-30T00:00:00Z") } });
    const batch = await db.importBatch.create({ data: { source: "upload", status: "succeeded", startedAt: new Date("2026-11-29T08:00:00Z"), rowsTotal: 12_345 } });
    for (const [entityType, entityId] of [["PlanRun", run.id], ["ImportBatch", batch.id]] as const) {
      await db.$transaction((tx) => recordAuditEvent(tx, { actor: { id: null, role: "admin", scopes: [], origin: "cli" }, action: entityType === "PlanRun" ? "plan_run.queued" : "import.succeeded", entityType, entityId }));
    }
    const page = await listAuditEvents(db, query({ limit: 2 }));
    expect(page.names[`PlanRun:${run.id}`]).toBe("Plan for 30 Nov 2026");
    expect(page.names[`ImportBatch:${batch.id}`]).toBe("Import of 29 Nov 2026 · 12,345 rows");
  });
});
