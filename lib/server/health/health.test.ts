import { describe, expect, it } from "vitest";
import { db } from "../db";
import { checkHealth } from "./check-health";
import { getDataStatus } from "./get-data-status";

describe("health and data status", () => {
  it("reports ok with the applied migration count on a migrated database", async () => {
    const report = await checkHealth(db);
    expect(report).toMatchObject({ status: "ok", database: "ok", pendingMigrations: 0 });
    if (report.status === "ok") expect(report.migrations).toBeGreaterThan(0);
  });

  it("reports the latest successful batch, the recent attempts and table counts", async () => {
    const empty = await getDataStatus(db);
    expect(empty).toEqual({ lastSuccess: null, recent: [], counts: { locations: 0, products: 0, suppliers: 0, salesDays: 0 } });

    const admin = await db.user.create({ data: { email: "a@x.test", name: "Alex Admin", role: "admin" } });
    await db.importBatch.create({
      data: {
        userId: admin.id, source: "web", status: "succeeded", startedAt: new Date("2025-01-01T10:00:00Z"),
        finishedAt: new Date("2025-01-01T10:00:05Z"), rowsTotal: 12,
        files: { create: [{ kind: "locations", fileName: "locations.csv", checksum: "x", rows: 12 }] },
      },
    });
    await db.importBatch.create({
      data: { source: "cli", status: "failed", startedAt: new Date("2025-01-02T10:00:00Z"), error: "sales.csv line 4: bad date" },
    });
    const status = await getDataStatus(db);
    expect(status.lastSuccess).toMatchObject({ importedBy: "Alex Admin", rowsTotal: 12, files: [{ kind: "locations", rows: 12 }] });
    expect(status.recent.map((b) => b.status)).toEqual(["failed", "succeeded"]);
    expect(status.recent[0]).toMatchObject({ importedBy: "command line", error: "sales.csv line 4: bad date" });
  });
});
