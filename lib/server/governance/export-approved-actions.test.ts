import { describe, expect, it } from "vitest";
import { db } from "../db";
import Database from "better-sqlite3";
import { readCheckpoints } from "../audit/audit-checkpoints";
import { auditKeys } from "../audit/audit-keys";
import { createApprovedRecommendation, createLocation, createRecommendation, createUser } from "../../test/factories";
import { approveRecommendation } from "./approve-recommendation";
import { APPROVED_ACTION_COLUMNS } from "./action-export.types";
import { encodeCsv } from "./encode-csv";
import { exportApprovedActions } from "./export-approved-actions";

const NORTH_SNACKS = [
  { kind: "REGION", value: "NORTH" },
  { kind: "CATEGORY", value: "SNACKS" },
] as const;

describe("export of approved actions", () => {
  it("exports approved actions once, and a retry with the same export id returns the same rows", async () => {
    const source = await createLocation({ code: "DC-NORTH", type: "DC" });
    const approver = await createUser("planner");
    const transfer = await createApprovedRecommendation({ recommendation: { sourceLocationId: source.id }, approverId: approver.id });
    const auto = await createApprovedRecommendation({ recommendation: { actionType: "cycle_count" }, approval: "auto_approve" });
    await createApprovedRecommendation({ recommendation: { actionType: "review_model" } });
    await createRecommendation({ recommendation: { status: "pending" } });
    const consumer = await createUser("admin");

    const first = await exportApprovedActions(db, consumer, { format: "json", exportId: "erp-run-0001" });
    expect(first).toMatchObject({ exportId: "erp-run-0001", created: true });
    expect(first.rows.map((r) => [r.recommendationId, r.erpAction])).toEqual(
      [
        [transfer.id, "transfer_order"],
        [auto.id, "cycle_count"],
      ].sort(([a], [b]) => a!.localeCompare(b!)),
    );
    expect(first.rows.find((r) => r.recommendationId === transfer.id)).toMatchObject({ sourceLocationCode: "DC-NORTH", approvedBy: approver.id });
    expect(first.rows.find((r) => r.recommendationId === auto.id)).toMatchObject({ approvedBy: "auto" });

    const retry = await exportApprovedActions(db, consumer, { format: "csv", exportId: "erp-run-0001" });
    expect(retry).toEqual({ ...first, created: false });

    const next = await exportApprovedActions(db, consumer, { format: "json" });
    expect(next).toMatchObject({ exportId: null, createdAt: null, created: false, rows: [] });

    expect(await db.recommendation.count({ where: { status: "exported", exportId: "erp-run-0001" } })).toBe(2);
    expect(await db.actionExport.findUniqueOrThrow({ where: { id: "erp-run-0001" } })).toMatchObject({ items: 2, format: "json", createdById: consumer.id });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "export.created" } });
    expect(JSON.parse(audit.after!)).toMatchObject({ items: 2 });
    expect(await db.auditEvent.count({ where: { action: "decision.exported" } })).toBe(2);
  });

  it("does not export an action approved after the export was taken into an old export id", async () => {
    const consumer = await createUser("admin");
    const first = await exportApprovedActions(db, consumer, { format: "json", exportId: "erp-run-0002" });
    const rec = await createRecommendation();
    await approveRecommendation(db, await createUser("planner", { scopes: [...NORTH_SNACKS] }), rec.id, { expectedVersion: 1 });
    expect(await exportApprovedActions(db, consumer, { format: "json", exportId: "erp-run-0002" })).toMatchObject({ ...first, created: false, auditCheckpoint: expect.anything() });
    const later = await exportApprovedActions(db, consumer, { format: "json" });
    expect(later.rows.map((r) => r.recommendationId)).toEqual([rec.id]);
  });
});

/** A database-level attacker: edits a row directly, behind the app. */
function sql(statement: string, ...args: unknown[]) {
  const raw = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
  raw.prepare(statement).run(...args);
  raw.close();
}

describe("export ships only verified decisions", () => {
  it("refuses an action set to approved directly in the database, and flags it to admins once", async () => {
    const consumer = await createUser("admin");
    const genuine = await createApprovedRecommendation();
    const planted = await createRecommendation({ recommendation: { status: "pending" } });
    sql(`UPDATE "Recommendation" SET status = 'approved', decidedById = ? WHERE id = ?`, consumer.id, planted.id);

    const exported = await exportApprovedActions(db, consumer, { format: "json" });
    expect(exported.rows.map((r) => r.recommendationId)).toEqual([genuine.id]);
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: planted.id } })).toMatchObject({ status: "approved", exportId: null });
    const flags = await db.auditEvent.findMany({ where: { action: "integrity.approval_unverified", entityId: planted.id } });
    expect(flags).toHaveLength(1);
    expect(flags[0]!.reason).toMatch(/no approval decision is recorded/);

    await exportApprovedActions(db, consumer, { format: "json" });
    expect(await db.auditEvent.count({ where: { action: "integrity.approval_unverified" } })).toBe(1);
  });

  it("refuses an approved action whose quantity was raised in the database after approval", async () => {
    const consumer = await createUser("admin");
    const approved = await createApprovedRecommendation();
    sql(`UPDATE "Recommendation" SET quantity = 5000 WHERE id = ?`, approved.id);
    const exported = await exportApprovedActions(db, consumer, { format: "json" });
    expect(exported.rows).toEqual([]);
    const flag = await db.auditEvent.findFirstOrThrow({ where: { action: "integrity.approval_unverified", entityId: approved.id } });
    expect(flag.reason).toMatch(/quantity 5000.*differs from the last audited decision/);
  });

  it("carries the signed checkpoint of the audit head after the export, also in the checkpoint file", async () => {
    const consumer = await createUser("admin");
    await createApprovedRecommendation();
    const exported = await exportApprovedActions(db, consumer, { format: "json" });
    const head = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(exported.auditCheckpoint).toMatchObject({ seq: head.seq, headHash: head.hash, keyId: auditKeys().keyId });
    const lines = readCheckpoints(auditKeys().publicKey);
    expect(lines.at(-1)).toEqual({ line: lines.length, status: "valid", checkpoint: exported.auditCheckpoint });
  });
  it("refuses to export at all while an approval's audit record fails the keyed chain (last: it breaks the log)", async () => {
    const consumer = await createUser("admin");
    const approved = await createApprovedRecommendation();
    const raw = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
    raw.exec(`DROP TRIGGER IF EXISTS "AuditEvent_refuse_update"`);
    raw.prepare(`UPDATE "AuditEvent" SET hash = 'hmac:' || substr(hash, 6, 63) || (CASE WHEN substr(hash, -1) = '0' THEN '1' ELSE '0' END) WHERE action = 'decision.approved' AND entityId = ?`).run(approved.id);
    raw.close();
    await expect(exportApprovedActions(db, consumer, { format: "json" })).rejects.toThrow(/audit log fails verification/);
  });

});

describe("encodeCsv", () => {
  it("quotes separators and neutralises text that a spreadsheet would run as a formula", () => {
    const csv = encodeCsv(["a", "b", "c"], [{ a: 'x,"y"', b: "=HYPERLINK(1)", c: -5 }]);
    expect(csv).toBe(`a,b,c\r\n"x,""y""\",'=HYPERLINK(1),-5\r\n`);
  });

  it("writes the export columns in a fixed order", () => {
    expect(encodeCsv(APPROVED_ACTION_COLUMNS, []).trim()).toBe(APPROVED_ACTION_COLUMNS.join(","));
  });
});
