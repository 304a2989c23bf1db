import "server-only";
import type { Db, DbTransaction } from "../db";
import { ERP_ACTIONS, type TApprovedActionRow } from "./action-export.types";
import { actionLinesOf } from "../../contracts/exceptions";
import { splitAcrossLines } from "../../engine/exceptions/action-lines";

/** The rows of one export, in a stable order, so a retry gets byte-identical output. */
export async function readActionExportRows(client: Db | DbTransaction, exportId: string): Promise<TApprovedActionRow[]> {
  const recommendations = await client.recommendation.findMany({
    where: { exportId },
    include: { exception: { select: { locationId: true, productId: true } } },
    orderBy: { id: "asc" },
  });
  const linesOf = new Map(recommendations.map((r) => [r.id, actionLinesOf(r.details)]));
  const locationIds = new Set<number>();
  for (const r of recommendations) {
    locationIds.add(r.exception.locationId);
    if (r.sourceLocationId !== null) locationIds.add(r.sourceLocationId);
    if (r.destLocationId !== null) locationIds.add(r.destLocationId);
    for (const line of linesOf.get(r.id) ?? []) locationIds.add(line.locationId);
  }
  const productIds = new Set(recommendations.map((r) => r.exception.productId));
  for (const lines of linesOf.values()) for (const line of lines ?? []) if (line.productId !== undefined) productIds.add(line.productId);
  const [locations, products] = await Promise.all([
    client.location.findMany({ where: { id: { in: [...locationIds] } }, select: { id: true, code: true } }),
    client.product.findMany({ where: { id: { in: [...productIds] } }, select: { id: true, sku: true, unitCost: true } }),
  ]);
  const codeOf = new Map(locations.map((l) => [l.id, l.code]));
  const skuOf = new Map(products.map((p) => [p.id, p.sku]));
  const unitCostOf = new Map(products.map((p) => [p.id, p.unitCost]));
  return recommendations.flatMap((r) => {
    const row: TApprovedActionRow = {
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
    };
    // A group's action is one ERP row per line, each with its share of the approved quantity and value:
    // a cluster's markdown takes the units from each store and its order sends them to each, as a
    // single store's would; a supplier's cut changes each SKU's line on its own PO, valued at that SKU's cost.
    const lines = linesOf.get(r.id);
    if (!lines) return [row];
    return splitAcrossLines(lines, r.quantity).map((line) => {
      const share = { quantity: line.quantity, value: r.quantity > 0 ? (r.value * line.quantity) / r.quantity : 0 };
      if (line.productId !== undefined) {
        const unitCost = unitCostOf.get(line.productId);
        return {
          ...row,
          ...share,
          ...(unitCost === undefined ? {} : { value: line.quantity * unitCost }),
          sku: skuOf.get(line.productId) ?? "",
          poNumber: line.poNumber ?? r.poNumber,
        };
      }
      const code = codeOf.get(line.locationId) ?? "";
      const place = r.actionType === "raise_order" ? { destLocationCode: code } : { sourceLocationCode: code };
      return { ...row, ...share, locationCode: code, ...place };
    });
  });
}

