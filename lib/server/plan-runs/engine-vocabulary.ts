import "server-only";
import type { ActionKind, ExceptionType } from "../../engine/exceptions/exception-types";
import type { TActionType } from "../../contracts/governance";
import type { TExceptionType } from "../../contracts/exceptions";

/**
 * The one translation between the engine's vocabulary (kebab-case, direction-specific actions) and
 * the database/API vocabulary (snake_case, the action types the approval policy is written in).
 * Everything that crosses from a PlanResult into a row goes through here.
 */

const EXCEPTION_TYPE_FROM_ENGINE = {
  "projected-stockout": "stockout",
  "excess-stock": "excess",
  "demand-deviation": "demand_deviation",
  "supplier-delay": "supplier_delay",
  "promotion-readiness": "promotion_readiness",
  "inventory-inaccuracy": "inventory_inaccuracy",
  "forecast-drift": "forecast_drift",
} as const satisfies Record<ExceptionType, TExceptionType>;

const EXCEPTION_TYPE_TO_ENGINE = Object.fromEntries(
  Object.entries(EXCEPTION_TYPE_FROM_ENGINE).map(([engine, stored]) => [stored, engine]),
) as Record<TExceptionType, ExceptionType>;

/**
 * Transfers in and out are one action type for governance (the direction is in source and
 * destination); cancelling a PO is cutting it to zero. The engine's kind is kept in
 * Recommendation.details.engineKind so nothing is lost.
 */
const ACTION_TYPE_FROM_ENGINE = {
  "transfer-in": "transfer",
  "transfer-out": "transfer",
  "expedite-po": "expedite_po",
  "raise-order": "raise_order",
  "cut-po": "cut_po",
  "cancel-po": "cut_po",
  markdown: "markdown",
  "adjust-forecast": "adjust_forecast",
  "cycle-count": "cycle_count",
  "review-model": "review_model",
  "confirm-po": "confirm_po",
} as const satisfies Record<ActionKind, TActionType>;

export function exceptionTypeFromEngine(type: ExceptionType): TExceptionType {
  return EXCEPTION_TYPE_FROM_ENGINE[type];
}

export function exceptionTypeToEngine(type: TExceptionType): ExceptionType {
  return EXCEPTION_TYPE_TO_ENGINE[type];
}

export function actionTypeFromEngine(kind: ActionKind): TActionType {
  return ACTION_TYPE_FROM_ENGINE[kind];
}

/**
 * Exception types whose subject can be a PO, a promotion or a store cluster rather than one
 * location × SKU series (a cluster's excess or stock-out is filed under the cluster's DC).
 */
const SUBJECT_SUFFIX: Partial<Record<TExceptionType, "po" | "promo" | "cluster">> = {
  supplier_delay: "po",
  promotion_readiness: "promo",
  excess: "cluster",
  stockout: "cluster",
};

const CLUSTER_SUFFIX = "|cluster:";

/** The `region/cluster` of an exception that stands for a cluster's stores, from its identity key; null for one series. */
export function clusterOfIdentityKey(identityKey: string): { region: string; cluster: string } | null {
  const at = identityKey.indexOf(CLUSTER_SUFFIX);
  if (at < 0) return null;
  const [region = "", cluster = ""] = identityKey.slice(at + CLUSTER_SUFFIX.length).split("/");
  return { region, cluster };
}

/** The subject reference of a cluster's exception: `region/cluster`. */
export function clusterSubjectReference(group: { region: string; cluster: string }): string {
  return `${group.region}/${group.cluster}`;
}

export interface ExceptionIdentity {
  type: TExceptionType;
  locationId: number;
  productId: number;
  /** PO number of a supplier delay, promotion id of a promotion-readiness exception, `region/cluster` of a cluster's excess. */
  subjectReference?: string;
  /** `supplier/category` of a node's cuts of one supplier's open orders across SKUs and POs: the supplier, not one SKU, is the subject. */
  supplierCut?: string;
}

const SUPPLIER_CUT_SUFFIX = "|supplier-cut:";

/** The supplier code and category of an exception that stands for a node's cuts of one supplier's open orders, from its identity key; null otherwise. */
export function supplierCutOfIdentityKey(identityKey: string): { supplierCode: string; category: string } | null {
  const at = identityKey.indexOf(SUPPLIER_CUT_SUFFIX);
  if (at < 0) return null;
  const reference = identityKey.slice(at + SUPPLIER_CUT_SUFFIX.length);
  const slash = reference.indexOf("/");
  return { supplierCode: reference.slice(0, slash), category: reference.slice(slash + 1) };
}

/** The `supplier/category` of a node's cuts of one supplier's open orders. */
export function supplierCutReference(group: { supplierId: string; category: string }): string {
  return `${group.supplierId}/${group.category}`;
}

/**
 * Exception.identityKey: `${type}|${locationId}|${productId}`, stable across runs. A supplier delay
 * is about one PO and a promotion shortfall about one promotion, so those append the PO number or
 * promotion id: two late POs for the same store and SKU are two exceptions.
 */
export function exceptionIdentityKey(identity: ExceptionIdentity): string {
  // Filed under one of its SKUs, but the same decision while any of the supplier's lines are cut: no SKU or PO in the key.
  if (identity.supplierCut !== undefined) return `${identity.type}|${identity.locationId}${SUPPLIER_CUT_SUFFIX}${identity.supplierCut}`;
  const base = `${identity.type}|${identity.locationId}|${identity.productId}`;
  const suffix = SUBJECT_SUFFIX[identity.type];
  return suffix && identity.subjectReference !== undefined ? `${base}|${suffix}:${identity.subjectReference}` : base;
}
