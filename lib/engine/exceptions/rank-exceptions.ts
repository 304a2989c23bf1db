import type { PlanException, RecommendedAction } from "./exception-types";

/**
 * Orders the queue by score, then by id so equal scores never depend on input order, and proposes
 * each action once: the same physical action (a transfer seen from both ends, one order for a
 * series, one PO expedited or cut) stays only with the highest-ranked exception that recommends it;
 * the others keep their remaining actions, renumbered.
 */
export function rankExceptions(exceptions: readonly PlanException[]): PlanException[] {
  const ranked = [...exceptions].sort((a, b) => b.score.score - a.score.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const proposed = new Set<string>();
  return ranked.map((exception) => {
    const actions = exception.actions.filter((action) => {
      const key = actionIdentity(exception, action);
      if (key === undefined) return true;
      if (proposed.has(key)) return false;
      proposed.add(key);
      return true;
    });
    return actions.length === exception.actions.length ? exception : { ...exception, actions: actions.map((action, index) => ({ ...action, rank: index + 1 })) };
  });
}

/**
 * What an action does in the world, independent of which exception proposes it; undefined for
 * actions that are about the exception itself (counts, forecast changes, model reviews).
 */
export function actionIdentity(exception: Pick<PlanException, "sku" | "seriesId">, action: Pick<RecommendedAction, "kind" | "sourceId" | "destinationId" | "purchaseOrderId" | "lines">): string | undefined {
  const sku = exception.sku ?? exception.seriesId?.slice(exception.seriesId.indexOf("|") + 1);
  switch (action.kind) {
    case "transfer-in":
    case "transfer-out":
      return `transfer|${sku}|${action.sourceId}|${action.destinationId}`;
    case "raise-order":
      // A cluster's order is told apart by its stores, as its markdown is.
      return `order|${sku}|${action.destinationId ?? action.lines?.map((line) => line.locationId).join(",")}`;
    case "expedite-po":
      // A supplier ships a PO sooner as a whole: one expedite per PO, wherever its lines go.
      return `expedite|${action.purchaseOrderId}`;
    case "cut-po":
    case "cancel-po":
      // A supplier's cut across SKUs and POs is told apart by its lines.
      return `cut|${action.destinationId}|${action.lines ? action.lines.map((line) => `${line.purchaseOrderId}:${line.sku}`).join(",") : `${action.purchaseOrderId}:${sku}`}`;
    case "markdown":
      // A cluster's markdown is told apart by its stores: two clusters of one SKU are two markdowns.
      return `markdown|${sku}|${action.sourceId ?? action.lines?.map((line) => line.locationId).join(",")}`;
    case "confirm-po":
      return `confirm|${action.purchaseOrderId}`;
    default:
      return undefined;
  }
}
