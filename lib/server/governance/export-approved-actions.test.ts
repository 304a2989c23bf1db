import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createLocation, createRecommendation, createUser } from "../../test/factories";
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
    const transfer = await createRecommendation({ recommendation: { status: "approved", sourceLocationId: source.id, decidedById: "u-1", decidedAt: new Date() } });
    const auto = await createRecommendation({ recommendation: { status: "auto_approved", actionType: "cycle_count", tier: "auto" } });
    await createRecommendation({ recommendation: { status: "approved", actionType: "review_model" } });
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
    expect(first.rows.find((r) => r.recommendationId === transfer.id)).toMatchObject({ sourceLocationCode: "DC-NORTH", approvedBy: "u-1" });
    expect(first.rows.find((r) => r.recommendationId === auto.id)).toMatchObject({ approvedBy: "auto" });

    const retry = await exportApprovedActions(db, consumer, { format: "csv", exportId: "erp-run-0001" });
    expect(retry).toEqual({ ...first, created: false });

    const next = await exportApprovedActions(db, consumer, { format: "json" });
    expect(next).toEqual({ exportId: null, createdAt: null, created: false, rows: [] });

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
    expect(await exportApprovedActions(db, consumer, { format: "json", exportId: "erp-run-0002" })).toEqual({ ...first, created: false });
    const later = await exportApprovedActions(db, consumer, { format: "json" });
    expect(later.rows.map((r) => r.recommendationId)).toEqual([rec.id]);
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
