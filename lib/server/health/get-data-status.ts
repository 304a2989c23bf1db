import "server-only";
import type { DataStatus, DataStatusBatch } from "../../contracts/imports";
import type { Db } from "../db";

type BatchRow = Awaited<ReturnType<typeof loadBatches>>[number];

function loadBatches(db: Db, where: { status?: string }, take: number) {
  return db.importBatch.findMany({
    where,
    orderBy: { startedAt: "desc" },
    take,
    include: { files: { orderBy: { kind: "asc" } }, user: { select: { name: true, email: true } } },
  });
}

function toBatch(b: BatchRow): DataStatusBatch {
  return {
    id: b.id,
    source: b.source,
    status: b.status,
    startedAt: b.startedAt.toISOString(),
    finishedAt: b.finishedAt?.toISOString() ?? null,
    rowsTotal: b.rowsTotal,
    error: b.error,
    importedBy: b.user ? b.user.name || b.user.email : b.source === "cli" ? "command line" : null,
    files: b.files.map((f) => ({ kind: f.kind, fileName: f.fileName, rows: f.rows })),
  };
}

/** Which files were imported, when, by whom, how many rows, and how the last attempts ended. */
export async function getDataStatus(db: Db, options: { recent?: number } = {}): Promise<DataStatus> {
  const [recent, lastSuccess, locations, products, suppliers, salesDays] = await Promise.all([
    loadBatches(db, {}, options.recent ?? 5),
    loadBatches(db, { status: "succeeded" }, 1),
    db.location.count(),
    db.product.count(),
    db.supplier.count(),
    db.salesDaily.count(),
  ]);
  return {
    lastSuccess: lastSuccess[0] ? toBatch(lastSuccess[0]) : null,
    recent: recent.map(toBatch),
    counts: { locations, products, suppliers, salesDays },
  };
}
