import { z } from "zod";

const MAX_UNITS = 1_000_000;
const ZUnits = z.number().int("must be a whole number of units").min(0, "must be 0 or more").max(MAX_UNITS, `must be at most ${MAX_UNITS.toLocaleString("en-US")}`);

/** POST /api/v1/store-tasks/cycle-counts: what the store counted for an inventory-inaccuracy exception. */
export const ZCycleCountRequest = z.object({
  exceptionId: z.string().min(1).max(64),
  countedQuantity: ZUnits,
  /** The exception version the counter saw; a newer plan run or decision in between answers 409. */
  expectedVersion: z.number().int().min(1),
});
export type TCycleCountRequest = z.infer<typeof ZCycleCountRequest>;

/** POST /api/v1/store-tasks/receipts: units of a purchase order that arrived at the store, per line. */
export const ZPurchaseOrderReceiptRequest = z.object({
  poNumber: z.string().min(1).max(64),
  lines: z
    .array(z.object({ lineNo: z.number().int().min(1), qtyReceived: ZUnits }))
    .min(1, "name at least one line")
    .max(500)
    .refine((lines) => lines.some((l) => l.qtyReceived > 0), "enter the units received on at least one line"),
});
export type TPurchaseOrderReceiptRequest = z.infer<typeof ZPurchaseOrderReceiptRequest>;

export const TRANSFER_STEPS = ["shipped", "received"] as const;
export type TTransferStep = (typeof TRANSFER_STEPS)[number];

/** POST /api/v1/store-tasks/transfers: the store confirms an approved transfer left it or arrived. */
export const ZTransferConfirmationRequest = z.object({
  recommendationId: z.string().min(1).max(64),
  step: z.enum(TRANSFER_STEPS),
  /** Units actually shipped or received; defaults to the approved quantity. */
  quantity: ZUnits.optional(),
});
export type TTransferConfirmationRequest = z.infer<typeof ZTransferConfirmationRequest>;

export interface TNamedCode {
  code: string;
  name: string;
}

export interface TStoreTransferTask {
  recommendationId: string;
  exceptionId: string;
  /** What this store confirms: that the goods left it (shipped) or arrived (received). */
  step: TTransferStep;
  product: { sku: string; name: string };
  from: TNamedCode;
  to: TNamedCode;
  quantity: number;
  approvedAt: string | null;
  /** The source already confirmed shipping (for a receiving store). */
  shippedAt: string | null;
}

export interface TStoreCountTask {
  exceptionId: string;
  version: number;
  product: { sku: string; name: string };
  location: TNamedCode;
  summary: string;
  /** On hand as the system records it now (newest inventory position). */
  recordedOnHand: number | null;
  raisedAt: string;
  /** The planner or policy already asked for this count (an approved cycle-count action). */
  countRequested: boolean;
}

export interface TStoreReceiptTask {
  poNumber: string;
  supplier: TNamedCode;
  location: TNamedCode;
  promisedAt: string;
  /** Days past the promised date as of today (negative: due in that many days). */
  daysLate: number;
  status: string;
  lines: { lineNo: number; product: { sku: string; name: string }; qtyOrdered: number; qtyReceived: number; qtyOutstanding: number }[];
}

/** GET /api/v1/store-tasks: the signed-in store manager's work, most urgent first in each list. */
export interface TStoreTasks {
  stores: TNamedCode[];
  transfers: TStoreTransferTask[];
  /** Transfers into or out of the viewer's stores proposed and waiting for someone's approval: coming, not yet theirs to move. */
  transfersAwaitingApproval: number;
  counts: TStoreCountTask[];
  receipts: TStoreReceiptTask[];
  /** What the viewer may do here; buttons they may not use are shown disabled with the reason. */
  can: { confirmTransfers: boolean; count: boolean; receive: boolean };
}
