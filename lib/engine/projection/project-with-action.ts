import type { PlanException, RecommendedAction } from "../exceptions/exception-types";
import type { SeriesPlan } from "../plan/plan-types";
import type { SeriesContext } from "../exceptions/series-context";
import { projectionReceipts } from "../plan/to-projected-receipts";
import { expediteReceipts } from "./expedite-receipts";
import { type InventoryProjection, projectInventory } from "./project-inventory";

export interface ActionProjectionSettings {
  pessimisticLevel: number;
  /** Days a store-to-store or store-to-DC transfer takes. */
  transferLeadTimeDays: number;
  /** Share of an expedited line's remaining transit left (ExceptionOptions.expeditedTransitShare). */
  expeditedTransitShare: number;
}

/**
 * The series' projection if the recommended action is carried out, on the same terms as the one
 * without it (open POs, returns, the DC allocation, regular replenishment): stock moved in arrives
 * after its lead time, an expedited PO's lines after the share of their transit an expedite leaves,
 * stock moved out or marked down leaves today, a cut PO brings less. Undefined for actions that move
 * no stock at this series (counts, forecast changes, model reviews, supplier confirmations, actions
 * about other series, an expedite that cannot bring anything earlier).
 */
export function projectWithAction(
  context: SeriesContext,
  action: Pick<RecommendedAction, "kind" | "quantity" | "sourceId" | "destinationId" | "purchaseOrderId">,
  settings: ActionProjectionSettings,
): InventoryProjection | undefined {
  const { asOf } = context;
  let receipts = projectionReceipts(context);
  const here = context.locationId;
  switch (action.kind) {
    case "raise-order":
      if (action.destinationId !== here) return undefined;
      receipts.push({ dayOffset: Math.max(0, Math.ceil(context.leadTimeDays) - 1), quantity: action.quantity, reference: "recommended order" });
      break;
    case "transfer-in":
      if (action.destinationId !== here) return undefined;
      receipts.push({ dayOffset: Math.max(0, Math.ceil(settings.transferLeadTimeDays) - 1), quantity: action.quantity, reference: "recommended transfer" });
      break;
    case "expedite-po": {
      const expedited = action.purchaseOrderId === undefined || action.destinationId !== here ? undefined : expediteReceipts(receipts, action.purchaseOrderId, settings.expeditedTransitShare);
      if (!expedited) return undefined;
      receipts = expedited;
      break;
    }
    case "transfer-out":
    case "markdown":
      if (action.sourceId !== here) return undefined;
      receipts.push({ dayOffset: 0, quantity: -action.quantity, reference: action.kind });
      break;
    case "cut-po":
    case "cancel-po": {
      const line = context.openLines.find((open) => open.purchaseOrderId === action.purchaseOrderId);
      if (!line || action.destinationId !== here) return undefined;
      receipts.push({ dayOffset: line.expectedDay - asOf - 1, quantity: -Math.min(line.quantity, action.quantity), reference: `${line.purchaseOrderId} cut` });
      break;
    }
    default:
      return undefined;
  }
  return projectInventory(
    {
      onHand: context.onHand,
      forecast: context.forecast,
      receipts,
      safetyStock: context.policy.safetyStock,
      ...(context.replenishment ? { replenishment: context.replenishment } : {}),
    },
    {
      pessimisticLevel: settings.pessimisticLevel,
      riskWindowDays: Math.max(1, Math.ceil(context.leadTimeDays)),
      protectionDays: Math.ceil(context.leadTimeDays + context.reviewPeriodDays),
    },
  );
}

/**
 * Each series' projection with the top action of its highest-ranked exception that moves stock
 * there, for the chart beside the projection without it. Plans are returned as new objects.
 */
export function projectRecommendedActions(
  plans: readonly SeriesPlan[],
  contexts: readonly SeriesContext[],
  exceptions: readonly PlanException[],
  settings: ActionProjectionSettings,
): SeriesPlan[] {
  const contextById = new Map(contexts.map((context) => [context.seriesId, context]));
  const withAction = new Map<string, NonNullable<SeriesPlan["projection"]["withAction"]>>();
  for (const exception of exceptions) {
    const action = exception.actions[0];
    if (!action) continue;
    for (const seriesId of touchedSeries(exception, action)) {
      const context = contextById.get(seriesId);
      if (!context || withAction.has(seriesId)) continue;
      const projection = projectWithAction(context, action, settings);
      if (projection) withAction.set(seriesId, { exceptionId: exception.id, actionKind: action.kind, quantity: action.quantity, median: projection.median });
    }
  }
  return plans.map((plan) => {
    const found = withAction.get(plan.seriesId);
    return found ? { ...plan, projection: { ...plan.projection, withAction: found } } : plan;
  });
}

function touchedSeries(exception: PlanException, action: RecommendedAction): string[] {
  const sku = exception.sku ?? exception.seriesId?.slice(exception.seriesId.indexOf("|") + 1);
  if (sku === undefined) return [];
  return [action.destinationId, action.sourceId].flatMap((locationId) => (locationId === undefined ? [] : [`${locationId}|${sku}`]));
}
