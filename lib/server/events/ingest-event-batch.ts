import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { recordAuditEvent, type AuditActor } from "../audit/record-audit-event";
import { db } from "../db";
import { AppError } from "../http/app-error";
import { BatchedUpsert } from "../imports/batched-upsert";
import { applyInventoryEvents } from "./apply-inventory-events";
import { applyReceiptEvents } from "./apply-receipt-events";
import { applySalesEvents } from "./apply-sales-events";
import { applyVersionedEvents } from "./apply-versioned-events";
import type { EventBatchContext, NewEvent } from "./event-batch-context";
import { EventBatchErrors } from "./event-batch-errors";
import { ZEventBatch, type TEvent, type TEventBatchResult } from "./events.types";
import { requestIncrementalReplan } from "./incremental-replan-scheduler";

export interface IngestEventBatchInput {
  /** Whose Idempotency-Keys these are: "token:<id>" or "user:<id>". */
  principal: string;
  actor: AuditActor;
  tokenId: string | null;
  idempotencyKey: string;
  /** The raw request body: hashed as sent, so a retry must be byte-identical to count as the same request. */
  bodyText: string;
  origin: string;
}

export interface IngestEventBatchOutcome {
  status: number;
  body: TEventBatchResult;
  /** True when answered from the idempotency record without doing anything. */
  replayed: boolean;
}

const CHUNK = 500;
/** A 10 000-event batch is one transaction; give it room under a concurrent plan run's writes. */
const BATCH_TRANSACTION = { maxWait: 30_000, timeout: 120_000 } as const;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function referencedCodes(event: TEvent): { locations: [string, string][]; skus: [string, string][] } {
  switch (event.type) {
    case "sale":
    case "inventory_adjustment":
    case "inventory_count":
      return { locations: [["location", event.location]], skus: [["sku", event.sku]] };
    case "purchase_order":
      return { locations: [["destination", event.destination]], skus: event.lines.map((l, i) => [`lines.${i}.sku`, l.sku]) };
    case "promotion":
      return { locations: event.location ? [["location", event.location]] : [], skus: event.sku ? [["sku", event.sku]] : [] };
    case "location":
      return { locations: event.sourceDc ? [["sourceDc", event.sourceDc]] : [], skus: [] };
    default:
      return { locations: [], skus: [] };
  }
}

/**
 * Applies one request of events as an all-or-nothing batch. The Idempotency-Key makes the request
 * safe to retry (same key and body → the first answer; same key, other body → 409); event ids make
 * each event safe to resend in any later request (a known id is skipped, a known id with another
 * payload is refused). Any invalid event refuses the whole batch with every problem named by event
 * index, id and field, and nothing is written. Series the batch changed are marked for the
 * near-real-time replan, which runs after commit, off the request path.
 */
export async function ingestEventBatch(input: IngestEventBatchInput): Promise<IngestEventBatchOutcome> {
  const requestHash = sha256(input.bodyText);
  const recordKey = { principal_key: { principal: input.principal, key: input.idempotencyKey } };
  const previous = await db.idempotencyRecord.findUnique({ where: recordKey });
  if (previous) {
    if (previous.requestHash !== requestHash) throw new AppError("CONFLICT", "This Idempotency-Key was already used for a different request body.");
    return { status: previous.status, body: JSON.parse(previous.response) as TEventBatchResult, replayed: true };
  }

  let json: unknown;
  try {
    json = JSON.parse(input.bodyText);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  const errors = new EventBatchErrors();
  const parsed = ZEventBatch.safeParse(json);
  if (!parsed.success) {
    const raw = (json as { events?: unknown[] } | null)?.events;
    const idAt = (i: number) => {
      const id = Array.isArray(raw) ? (raw[i] as { id?: unknown } | null)?.id : undefined;
      return typeof id === "string" ? id : null;
    };
    errors.addZodError(parsed.error, idAt);
    errors.throwIfAny();
  }
  const events = parsed.data!.events;

  const result = await db.$transaction(async (tx) => {
    // Ids repeated inside the request, then ids known from earlier requests.
    const hashes = events.map((event) => sha256(JSON.stringify(event)));
    const firstIndex = new Map<string, number>();
    const known = new Map<string, string>();
    const ids = [...new Set(events.map((e) => e.id))];
    for (let i = 0; i < ids.length; i += CHUNK) {
      for (const row of await tx.ingestedEvent.findMany({ where: { id: { in: ids.slice(i, i + CHUNK) } }, select: { id: true, payloadHash: true } })) {
        known.set(row.id, row.payloadHash);
      }
    }
    const fresh: NewEvent[] = [];
    let duplicates = 0;
    events.forEach((event, index) => {
      const hash = hashes[index]!;
      const earlier = firstIndex.get(event.id);
      const knownHash = known.get(event.id) ?? (earlier === undefined ? undefined : hashes[earlier]);
      if (knownHash !== undefined) {
        if (knownHash !== hash) errors.add(index, event.id, "id", "this event id was already used with a different payload");
        else duplicates += 1;
        return;
      }
      firstIndex.set(event.id, index);
      fresh.push({ index, event, occurredAt: new Date(event.occurredAt), payloadHash: hash });
    });

    // References: codes in the database or defined by a location/product event of this batch.
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

    const ctx: EventBatchContext = { tx, locations, products, outcomes: new Map(), dirty: new Set() };
    const ofType = <T extends TEvent["type"]>(...types: T[]) => fresh.filter((item): item is NewEvent<Extract<TEvent, { type: T }>> => (types as string[]).includes(item.event.type));
    await applyVersionedEvents(ctx, ofType("location", "product", "promotion", "purchase_order"));
    await applyReceiptEvents(ctx, ofType("purchase_order_receipt"));
    await applyInventoryEvents(ctx, ofType("inventory_count", "inventory_adjustment"));
    await applySalesEvents(ctx, ofType("sale"));

    const rows: Prisma.IngestedEventCreateManyInput[] = fresh.map(({ event, occurredAt, payloadHash }) => {
      const outcome = ctx.outcomes.get(event.id) ?? { outcome: "applied" };
      return {
        id: event.id,
        type: event.type,
        payloadHash,
        occurredAt,
        outcome: outcome.outcome,
        tokenId: input.tokenId,
        locationId: outcome.locationId ?? null,
        productId: outcome.productId ?? null,
        quantity: outcome.quantity ?? null,
      };
    });
    // The import's multi-row writer: Prisma's createMany costs more than the rest of a 10 000-event batch.
    const ledger = new BatchedUpsert(tx, {
      table: "IngestedEvent",
      columns: ["id", "type", "payloadHash", "occurredAt", "receivedAt", "outcome", "tokenId", "locationId", "productId", "quantity"],
      conflictColumns: ["id"],
      comparedColumns: ["outcome"],
    });
    const receivedAt = new Date();
    for (const row of rows) {
      const values = [row.id, row.type, row.payloadHash, row.occurredAt as Date, receivedAt, row.outcome, row.tokenId ?? null, row.locationId ?? null, row.productId ?? null, row.quantity ?? null];
      if (ledger.add(values)) await ledger.flush();
    }
    await ledger.flush();

    const markedAt = new Date();
    const dirty = new BatchedUpsert(tx, { table: "DirtySeries", columns: ["locationId", "productId", "markedAt"], conflictColumns: ["locationId", "productId"], comparedColumns: ["markedAt"] });
    for (const series of ctx.dirty) {
      const [locationId, productId] = series.split("|").map(Number) as [number, number];
      if (dirty.add([locationId, productId, markedAt])) await dirty.flush();
    }
    await dirty.flush();

    const stale = rows.filter((r) => r.outcome === "stale").length;
    const body: TEventBatchResult = { received: events.length, applied: rows.length - stale, duplicates, stale, seriesMarked: ctx.dirty.size };
    const byType: Record<string, number> = {};
    for (const row of rows) byType[row.type] = (byType[row.type] ?? 0) + 1;
    await recordAuditEvent(tx, {
      actor: input.actor,
      action: "events.ingested",
      entityType: "EventBatch",
      entityId: input.idempotencyKey,
      after: { ...body, byType, tokenId: input.tokenId },
      origin: input.origin,
    });
    await tx.idempotencyRecord.create({
      data: { principal: input.principal, key: input.idempotencyKey, requestHash, status: 200, response: JSON.stringify(body) },
    });
    return body;
  }, BATCH_TRANSACTION);

  if (result.seriesMarked > 0) requestIncrementalReplan();
  return { status: 200, body: result, replayed: false };
}
