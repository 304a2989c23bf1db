import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { recordAuditEvent } from "../audit/record-audit-event";
import { type Actor } from "../actor";
import type { Db, DbTransaction } from "../db";
import { AppError } from "../app-error";
import { BatchedUpsert } from "../imports/batched-upsert";
import { applyInventoryEvents } from "./apply-inventory-events";
import { applyReceiptEvents } from "./apply-receipt-events";
import { applyReturnEvents } from "./apply-return-events";
import { applySalesEvents } from "./apply-sales-events";
import { applyVersionedEvents } from "./apply-versioned-events";
import type { EventBatchContext, NewEvent } from "./event-batch-context";
import { EventBatchErrors } from "./event-batch-errors";
import { ZEvent, type TEvent, type TEventBatchResult } from "../../contracts/events";
import { requestIncrementalReplan } from "./incremental-replan-scheduler";
import { runWriteTransaction } from "../write-transaction";

/** One event of a request as sent: its line (a JSON array's index + 1) and the value not yet validated. */
export interface EventSourceItem {
  line: number;
  value: unknown;
}

export interface IngestEventsInput {
  /** Whose Idempotency-Keys these are: "token:<id>" or "user:<id>". */
  principal: string;
  actor: Actor;
  tokenId: string | null;
  idempotencyKey: string;
}

export interface IngestEventsOptions {
  /** Events validated and applied together; memory holds one chunk. */
  chunkSize: number;
  /** fieldErrors key of an event's field, by 0-based position (line - 1). */
  errorKey: (index: number, field: string) => string;
  /** sha256 of the request body; called only after the source is exhausted. */
  requestHash: () => string;
  transaction: { maxWait: number; timeout: number };
}

export interface IngestEventBatchOutcome {
  status: number;
  body: TEventBatchResult;
  /** True when answered from the idempotency record without doing anything. */
  replayed: boolean;
}

const LOOKUP_CHUNK = 500;

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function referencedCodes(event: TEvent): { locations: [string, string][]; skus: [string, string][] } {
  switch (event.type) {
    case "sale":
    case "return.received":
    case "inventory_adjustment":
    case "inventory_count":
      return { locations: [["location", event.location]], skus: [["sku", event.sku]] };
    case "purchase_order":
      return { locations: [["destination", event.destination]], skus: event.lines.map((l, i) => [`lines.${i}.sku`, l.sku]) };
    case "promotion":
      return { locations: event.location ? [["location", event.location]] : [], skus: event.sku ? [["sku", event.sku]] : [] };
    case "location":
      return { locations: event.sourceDc ? [["sourceDc", event.sourceDc]] : [], skus: [] };
    case "product":
      return { locations: [], skus: event.referenceSku ? [["referenceSku", event.referenceSku]] : [] };
    default:
      return { locations: [], skus: [] };
  }
}

interface Totals {
  received: number;
  applied: number;
  duplicates: number;
  stale: number;
  byType: Record<string, number>;
}

const idOf = (value: unknown) => {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id : null;
};

/**
 * Applies one request of events — a JSON batch or an NDJSON stream — as one all-or-nothing
 * transaction. The Idempotency-Key makes the request safe to retry (same key and body → the first
 * answer; same key, other body → 409); event ids make each event safe to resend later (a known id
 * is skipped, a known id with another payload is refused). Events are validated and applied chunk
 * by chunk inside the transaction, so memory holds one chunk plus the series marks: an invalid
 * event in any chunk throws (422, naming position, id and field) and rolls back everything before
 * it. Earlier chunks are already in the transaction, so ids, codes and versions they wrote are
 * seen by later chunks as if stored before. Marked series are replanned after commit.
 */
export async function ingestEvents(db: Db, source: AsyncIterable<EventSourceItem>, input: IngestEventsInput, options: IngestEventsOptions): Promise<IngestEventBatchOutcome> {
  const recordKey = { principal_key: { principal: input.principal, key: input.idempotencyKey } };
  const previous = await db.idempotencyRecord.findUnique({ where: recordKey });
  if (previous) {
    // The body must be read to know its hash; nothing of it is parsed or kept.
    for await (const item of source) void item;
    if (previous.requestHash !== options.requestHash()) throw new AppError("CONFLICT", "This Idempotency-Key was already used for a different request body.");
    return { status: previous.status, body: JSON.parse(previous.response) as TEventBatchResult, replayed: true };
  }

  const result = await runWriteTransaction(db, async (tx) => {
    const totals: Totals = { received: 0, applied: 0, duplicates: 0, stale: 0, byType: {} };
    const dirty = new Set<string>();
    const receivedAt = new Date();
    let chunk: EventSourceItem[] = [];
    for await (const item of source) {
      chunk.push(item);
      if (chunk.length >= options.chunkSize) {
        await applyChunk(tx, chunk, input, options, totals, dirty, receivedAt);
        chunk = [];
      }
    }
    if (chunk.length > 0) await applyChunk(tx, chunk, input, options, totals, dirty, receivedAt);
    if (totals.received === 0) throw new AppError("VALIDATION_FAILED", "The batch was refused; nothing of it was written.", { fieldErrors: { events: ["send at least one event"] } });

    const markedAt = new Date();
    const marks = new BatchedUpsert(tx, { table: "DirtySeries", columns: ["locationId", "productId", "markedAt"], conflictColumns: ["locationId", "productId"], comparedColumns: ["markedAt"] });
    for (const series of dirty) {
      const [locationId, productId] = series.split("|").map(Number) as [number, number];
      if (marks.add([locationId, productId, markedAt])) await marks.flush();
    }
    await marks.flush();

    const body: TEventBatchResult = { received: totals.received, applied: totals.applied, duplicates: totals.duplicates, stale: totals.stale, seriesMarked: dirty.size };
    await recordAuditEvent(tx, {
      actor: input.actor,
      action: "events.ingested",
      entityType: "EventBatch",
      entityId: input.idempotencyKey,
      after: { ...body, byType: totals.byType, tokenId: input.tokenId },
    });
    await tx.idempotencyRecord.create({
      data: { principal: input.principal, key: input.idempotencyKey, requestHash: options.requestHash(), status: 200, response: JSON.stringify(body) },
    });
    return body;
  }, options.transaction);

  if (result.seriesMarked > 0) requestIncrementalReplan();
  return { status: 200, body: result, replayed: false };
}

async function applyChunk(
  tx: DbTransaction,
  items: readonly EventSourceItem[],
  input: IngestEventsInput,
  options: IngestEventsOptions,
  totals: Totals,
  dirty: Set<string>,
  receivedAt: Date,
): Promise<void> {
  const errors = new EventBatchErrors(options.errorKey);
  const events: { index: number; event: TEvent }[] = [];
  for (const { line, value } of items) {
    const parsed = ZEvent.safeParse(value);
    if (parsed.success) events.push({ index: line - 1, event: parsed.data });
    else for (const issue of parsed.error.issues) errors.add(line - 1, idOf(value), issue.path.map(String).join(".") || "_", issue.message);
  }
  errors.throwIfAny();
  totals.received += events.length;

  // Ids repeated inside the chunk, then ids known from earlier requests or earlier chunks (already in the ledger).
  const hashes = events.map(({ event }) => sha256(JSON.stringify(event)));
  const firstIndex = new Map<string, number>();
  const known = new Map<string, string>();
  const ids = [...new Set(events.map(({ event }) => event.id))];
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    for (const row of await tx.ingestedEvent.findMany({ where: { id: { in: ids.slice(i, i + LOOKUP_CHUNK) } }, select: { id: true, payloadHash: true } })) {
      known.set(row.id, row.payloadHash);
    }
  }
  const fresh: NewEvent[] = [];
  events.forEach(({ event, index }, position) => {
    const hash = hashes[position]!;
    const earlier = firstIndex.get(event.id);
    const knownHash = known.get(event.id) ?? (earlier === undefined ? undefined : hashes[earlier]);
    if (knownHash !== undefined) {
      if (knownHash !== hash) errors.add(index, event.id, "id", "this event id was already used with a different payload");
      else totals.duplicates += 1;
      return;
    }
    firstIndex.set(event.id, position);
    fresh.push({ index, event, occurredAt: new Date(event.occurredAt), payloadHash: hash });
  });

  // References: codes in the database (or written by an earlier chunk) or defined by a location/product event of this chunk.
  const locationCodes = new Set<string>();
  const skus = new Set<string>();
  for (const { event } of fresh) {
    const refs = referencedCodes(event);
    refs.locations.forEach(([, code]) => locationCodes.add(code));
    refs.skus.forEach(([, sku]) => skus.add(sku));
  }
  const locations = new Map<string, { id: number; sourceDcCode: string | null }>();
  for (const row of await tx.location.findMany({ where: { code: { in: [...locationCodes] } }, select: { id: true, code: true, sourceDcCode: true } })) {
    locations.set(row.code, { id: row.id, sourceDcCode: row.sourceDcCode });
  }
  const products = new Map<string, number>();
  for (const row of await tx.product.findMany({ where: { sku: { in: [...skus] } }, select: { id: true, sku: true } })) products.set(row.sku, row.id);
  const definedLocations = new Set(fresh.flatMap(({ event }) => (event.type === "location" ? [event.code] : [])));
  const definedSkus = new Set(fresh.flatMap(({ event }) => (event.type === "product" ? [event.sku] : [])));
  for (const { event, index } of fresh) {
    const refs = referencedCodes(event);
    for (const [field, code] of refs.locations) {
      if (!locations.has(code) && !definedLocations.has(code)) errors.add(index, event.id, field, `unknown location code "${code}"`);
    }
    for (const [field, sku] of refs.skus) if (!products.has(sku) && !definedSkus.has(sku)) errors.add(index, event.id, field, `unknown sku "${sku}"`);
  }
  errors.throwIfAny();

  const ctx: EventBatchContext = { tx, locations, products, outcomes: new Map(), dirty, errorKey: options.errorKey };
  const ofType = <T extends TEvent["type"]>(...types: T[]) => fresh.filter((item): item is NewEvent<Extract<TEvent, { type: T }>> => (types as string[]).includes(item.event.type));
  await applyVersionedEvents(ctx, ofType("location", "product", "promotion", "purchase_order"));
  await applyReceiptEvents(ctx, ofType("purchase_order_receipt"));
  await applyInventoryEvents(ctx, ofType("inventory_count", "inventory_adjustment"));
  await applySalesEvents(ctx, ofType("sale"));
  await applyReturnEvents(ctx, ofType("return.received"));

  // The import's multi-row writer: Prisma's createMany costs more than the rest of a 10 000-event batch.
  const ledger = new BatchedUpsert(tx, {
    table: "IngestedEvent",
    columns: ["id", "type", "payloadHash", "occurredAt", "receivedAt", "outcome", "tokenId", "locationId", "productId", "quantity"],
    conflictColumns: ["id"],
    comparedColumns: ["outcome"],
  });
  for (const { event, occurredAt, payloadHash } of fresh) {
    const outcome = ctx.outcomes.get(event.id) ?? { outcome: "applied" as const };
    if (outcome.outcome === "stale") totals.stale += 1;
    else totals.applied += 1;
    totals.byType[event.type] = (totals.byType[event.type] ?? 0) + 1;
    const row: Prisma.IngestedEventCreateManyInput = { id: event.id, type: event.type, payloadHash, occurredAt, outcome: outcome.outcome };
    const values = [row.id, row.type, row.payloadHash, occurredAt, receivedAt, row.outcome, input.tokenId, outcome.locationId ?? null, outcome.productId ?? null, outcome.quantity ?? null];
    if (ledger.add(values)) await ledger.flush();
  }
  await ledger.flush();
}
