import "server-only";
import { z } from "zod";
import type { TAuditCheckpoint } from "../audit/audit-checkpoints";

export const EXPORT_FORMATS = ["json", "csv"] as const;

/** Consumer-chosen or server-issued id of an export; also the idempotency key of a retry. */
export const ZExportId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8–64 letters, digits, - or _");

export const ZApprovedActionsQuery = z.object({
  format: z.enum(EXPORT_FORMATS).default("json"),
  exportId: ZExportId.optional(),
});
export type TApprovedActionsQuery = z.infer<typeof ZApprovedActionsQuery>;

/** What the ERP is asked to do for each approved action type. */
export const ERP_ACTIONS = {
  transfer: "transfer_order",
  raise_order: "purchase_order",
  expedite_po: "po_expedite",
  cut_po: "po_quantity_cut",
  adjust_forecast: "forecast_override",
  markdown: "price_markdown",
  cycle_count: "cycle_count",
  confirm_po: "po_confirm_or_cancel",
} as const;
/** review_model is work for the planning team, not for the ERP. */
export const EXPORTED_ACTION_TYPES = Object.keys(ERP_ACTIONS) as (keyof typeof ERP_ACTIONS)[];

export interface TApprovedActionRow {
  exportId: string;
  recommendationId: string;
  erpAction: (typeof ERP_ACTIONS)[keyof typeof ERP_ACTIONS];
  actionType: string;
  sku: string;
  locationCode: string;
  sourceLocationCode: string | null;
  destLocationCode: string | null;
  poNumber: string | null;
  quantity: number;
  value: number;
  /** User id of the final approver, or "auto" for a policy auto-approval. */
  approvedBy: string;
  approvedAt: string | null;
  policyVersion: number | null;
  planRunId: string;
}

export const APPROVED_ACTION_COLUMNS = [
  "exportId",
  "recommendationId",
  "erpAction",
  "actionType",
  "sku",
  "locationCode",
  "sourceLocationCode",
  "destLocationCode",
  "poNumber",
  "quantity",
  "value",
  "approvedBy",
  "approvedAt",
  "policyVersion",
  "planRunId",
] as const satisfies readonly (keyof TApprovedActionRow)[];

export interface TActionExport {
  /** Null when there was nothing to export and the caller gave no id. */
  exportId: string | null;
  createdAt: string | null;
  /** False when this answers a retry of an export that already existed. */
  created: boolean;
  rows: TApprovedActionRow[];
  /** Signed checkpoint of the audit chain after this export: keep it, it is what proves the log later. */
  auditCheckpoint: TAuditCheckpoint;
}
