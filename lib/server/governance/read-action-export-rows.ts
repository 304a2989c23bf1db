import "server-only";
import type { Db, DbTransaction } from "../db";
import { ERP_ACTIONS, type TApprovedActionRow } from "./action-export.types";

/** The rows of one export, in a stable order, so a retry gets byte-identical output. */
export async function readActionExportRows(client: Db | DbTransaction, exportId: string): Promise<TApprovedActionRow[]> {
  const recommendations = await client.recommendation.findMany({
    where: { exportId },
    include: { exception: { select: { locationId: true, productId: true } } },
    orderBy: { id: "asc" },
  });
  const locationIds = new Set<number>();
  for (const r of recommendations) {
    locationIds.add(r.exception.locationId);
    if (r.sourceLocationId !== null) locationIds.add(r.sourceLocationId);
    if (r.destLocationId !== null) locationIds.add(r.destLocationId);
  }
  const [locations, products] = await Promise.all([
    client.location.findMany({ where: { id: { in: [...locationIds] } }, select: { id: true, code: true } }),
    client.product.findMany({
      where: { id: { in: [...new Set(recommendations.map((r) => r.exception.productId))] } },
      select: { id: true, sku: true },
    }),
  ]);
  const codeOf = new Map(locations.map((l) => [l.id, l.code]));
  const skuOf = new Map(products.map((p) => [p.id, p.sku]));
  return recommendations.map((r) => ({
    exportId,
    recommendationId: r.id,
    erpAction: ERP_ACTIONS[r.actionType as keyof typeof ERP_ACTIONS],
    actionType: r.actionType,
    sku: skuOf.get(r.exception.productId) ?? "",
    locationCode: codeOf.get(r.exception.locationId) ?? "",
    sourceLocationCode: r.sourceLocationId === null ? null : (codeOf.get(r.sourceLocationId) ?? null),
    destLocationCode: r.destLocationId === null ? null : (codeOf.get(r.destLocationId) ?? null),
    poNumber: r.poNumber,
    quantity: r.quantity,
    value: r.value,
    approvedBy: r.decidedById ?? "auto",
    approvedAt: r.decidedAt?.toISOString() ?? null,
    policyVersion: r.policyVersion,
    planRunId: r.planRunId,
  }));
}
