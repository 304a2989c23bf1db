import { z } from "zod";
import { parseCalendarDay } from "../engine/calendar";
import { dayWindowProblem, FACT_DAYS_AHEAD, LOCATION_TYPES, PLAN_DAYS_AHEAD, PURCHASE_ORDER_STATUSES, ZCode, ZLabel, ZText } from "./imports";

/**
 * Events of POST /api/v1/events. The same schemas parse requests and generate the OpenAPI
 * document, so the docs cannot drift from what the handler accepts. Codes follow the canonical
 * CSV files (docs/csv-format.md).
 */

/** Events per request. A larger feed is split by the sender; each request is one all-or-nothing batch. */
export const MAX_EVENTS_PER_BATCH = 10_000;

const INT32_MAX = 2_147_483_647;
const ZWhole = z.number().int("must be a whole number").min(-INT32_MAX).max(INT32_MAX);
const ZCount = z.number().int("must be a whole number").min(0, "must be 0 or more").max(INT32_MAX);
const ZAmount = z.number().min(0, "must be 0 or more").max(1e9);
/** A planned date (promotions): the CSV import's window, so one typo cannot move the plan decades ahead. */
const ZDay = z.iso.date({ message: "must be a date in YYYY-MM-DD form" }).superRefine((text, ctx) => {
  const day = parseCalendarDay(text);
  const problem = day ? dayWindowProblem(day, PLAN_DAYS_AHEAD) : "must be a date in YYYY-MM-DD form";
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const envelope = {
  /** The sender's own id: a replayed id is applied once. */
  id: z.string().min(1, "is required").max(128, "is longer than 128 characters").meta({ description: "Sender's unique event id; replays are skipped." }),
  /** When it happened in the source system; decides which of two versions is newer. */
  occurredAt: z.iso
    .datetime({ offset: true, message: "must be an ISO 8601 timestamp with time zone" })
    .superRefine((text, ctx) => {
      // Something that happened: at most tomorrow (time zones), never before the earliest data date.
      const day = parseCalendarDay(new Date(text).toISOString().slice(0, 10));
      const problem = day ? dayWindowProblem(day, FACT_DAYS_AHEAD) : "is not a valid time";
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .meta({ description: "Business time of the event (ISO 8601); at most one day ahead." }),
};

export const ZSaleEvent = z
  .object({
    ...envelope,
    type: z.literal("sale"),
    location: ZCode,
    sku: ZCode,
    units: ZWhole.refine((units) => units !== 0, "must not be 0").meta({ description: "Units sold; negative for a return." }),
    price: ZAmount.meta({ description: "Unit selling price actually charged; revenue = units × price." }),
    channel: z.enum(["store", "online", "marketplace"]).meta({ description: "Summed into the location's daily series." }),
    onPromo: z.boolean().default(false),
  })
  .meta({ id: "SaleEvent", description: "One sale (or return, with negative units) at a location; added to that day's sales." });

export const ZReturnReceivedEvent = z
  .object({
    ...envelope,
    type: z.literal("return.received"),
    location: ZCode.meta({ description: "Where the customer's return arrived (a store counter, the ecommerce node's returns desk)." }),
    sku: ZCode,
    units: ZCount.refine((units) => units > 0, "must be at least 1").meta({ description: "Units returned." }),
    reason: ZLabel.optional().meta({ description: "The customer's stated reason: accepted, not stored (only its hash, with the whole event, in the ledger)." }),
  })
  .meta({
    id: "ReturnReceivedEvent",
    description:
      "A customer return received at a location; added to that day's returns (returns.csv). Not subtracted from sales: the plan forecasts returns as a lagged share of sales and counts returned units as stock again after inspection.",
  });

export const ZInventoryAdjustmentEvent = z
  .object({
    ...envelope,
    type: z.literal("inventory_adjustment"),
    location: ZCode,
    sku: ZCode,
    quantity: ZWhole.refine((quantity) => quantity !== 0, "must not be 0").meta({ description: "Change in on-hand units (negative for shrink or damage)." }),
    reason: ZLabel.optional(),
  })
  .meta({ id: "InventoryAdjustmentEvent", description: "A stock change (damage, shrink, receipt outside a PO); applied on top of the newest count." });

export const ZInventoryCountEvent = z
  .object({ ...envelope, type: z.literal("inventory_count"), location: ZCode, sku: ZCode, onHand: ZWhole })
  .meta({ id: "InventoryCountEvent", description: "A counted on-hand quantity as of occurredAt; only the newest count wins." });

export const ZPurchaseOrderEvent = z
  .object({
    ...envelope,
    type: z.literal("purchase_order"),
    poNumber: ZCode,
    supplier: ZCode,
    destination: ZCode,
    orderedAt: ZDay,
    promisedAt: ZDay,
    status: z.enum(PURCHASE_ORDER_STATUSES),
    lines: z.array(z.object({ lineNo: z.number().int().min(1), sku: ZCode, qtyOrdered: ZCount })).min(1).max(500),
  })
  .meta({ id: "PurchaseOrderEvent", description: "A purchase order created or changed: the whole order as it now stands; an older version is ignored." });

export const ZPurchaseOrderReceiptEvent = z
  .object({
    ...envelope,
    type: z.literal("purchase_order_receipt"),
    poNumber: ZCode,
    lines: z
      .array(z.object({ lineNo: z.number().int().min(1), qtyReceived: ZCount.refine((q) => q > 0, "must be at least 1") }))
      .min(1)
      .max(500)
      .meta({ description: "Units received by this delivery, per PO line (added to what arrived before)." }),
  })
  .meta({ id: "PurchaseOrderReceiptEvent", description: "A receipt (ASN) against a known purchase order: quantities received by this delivery." });

export const ZPromotionEvent = z
  .object({
    ...envelope,
    type: z.literal("promotion"),
    code: ZCode,
    name: ZText,
    sku: ZCode.optional(),
    category: ZLabel.optional(),
    location: ZCode.optional(),
    region: ZLabel.optional(),
    startDate: ZDay,
    endDate: ZDay,
    expectedUplift: z.number().gt(-1).max(100),
  })
  .refine((p) => (p.sku === undefined) !== (p.category === undefined), { message: "set exactly one of sku and category", path: ["sku"] })
  .refine((p) => (p.location === undefined) !== (p.region === undefined), { message: "set exactly one of location and region", path: ["location"] })
  .refine((p) => p.endDate >= p.startDate, { message: "must not be before startDate", path: ["endDate"] })
  .meta({ id: "PromotionEvent", description: "A promotion planned or changed; an older version is ignored." });

export const ZProductEvent = z
  .object({
    ...envelope,
    type: z.literal("product"),
    sku: ZCode,
    name: ZText,
    department: ZLabel,
    category: ZLabel,
    subcategory: ZLabel,
    unitCost: ZAmount,
    unitPrice: ZAmount,
    casePack: z.number().int().min(1).max(INT32_MAX),
    supplier: ZCode,
    referenceSku: ZCode.optional().meta({ description: "A new product's like-for-like SKU: its forecast borrows this one's, × referenceFactor, until 8 weeks of own sales." }),
    referenceFactor: z.number().gt(0, "must be more than 0").max(10).optional().meta({ description: "Scale of the borrowed forecast (default 1 with a referenceSku)." }),
  })
  .refine((p) => p.referenceFactor === undefined || p.referenceSku !== undefined, { message: "needs a referenceSku", path: ["referenceFactor"] })
  .refine((p) => p.referenceSku !== p.sku, { message: "cannot be the product itself", path: ["referenceSku"] })
  .meta({ id: "ProductEvent", description: "A product created or changed; an older version is ignored." });

export const ZLocationEvent = z
  .object({
    ...envelope,
    type: z.literal("location"),
    code: ZCode,
    name: ZText,
    locationType: z.enum(LOCATION_TYPES),
    region: ZLabel,
    cluster: ZLabel,
    sourceDc: ZCode.optional(),
  })
  .meta({ id: "LocationEvent", description: "A store, DC or ecommerce node created or changed; an older version is ignored." });

export const ZEvent = z.discriminatedUnion("type", [
  ZSaleEvent,
  ZReturnReceivedEvent,
  ZInventoryAdjustmentEvent,
  ZInventoryCountEvent,
  ZPurchaseOrderEvent,
  ZPurchaseOrderReceiptEvent,
  ZPromotionEvent,
  ZProductEvent,
  ZLocationEvent,
]);
export type TEvent = z.infer<typeof ZEvent>;
export type TEventType = TEvent["type"];

export const ZEventBatch = z
  .object({ events: z.array(ZEvent).min(1, "send at least one event").max(MAX_EVENTS_PER_BATCH, `send at most ${MAX_EVENTS_PER_BATCH} events per request`) })
  .meta({ id: "EventBatch" });
export type TEventBatch = z.infer<typeof ZEventBatch>;

export const ZEventBatchResult = z
  .object({
    received: z.number().int(),
    /** Applied now. */
    applied: z.number().int(),
    /** Ids seen before (replays): skipped. */
    duplicates: z.number().int(),
    /** Older than what is stored (out of order): recorded, changed nothing. */
    stale: z.number().int(),
    /** Series marked for the near-real-time replan. */
    seriesMarked: z.number().int(),
  })
  .meta({ id: "EventBatchResult" });
export type TEventBatchResult = z.infer<typeof ZEventBatchResult>;

export const ZIdempotencyKey = z.string().min(8, "must be at least 8 characters").max(200).regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");
