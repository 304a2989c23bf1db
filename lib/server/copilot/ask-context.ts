import "server-only";
import { exceptionPlaceName, exceptionSubjectName } from "../../contracts/exceptions";
import { exceptionSupplierOrderGroup, exceptionStoreGroup } from "../exceptions/exception-list-items";
import type { Prisma } from "@prisma/client";
import type { AnswerItem, AnswerSegment, AnswerStatus, CopilotIntent, ParsedQuestion, QuestionEntities, TAskResponse } from "@/lib/copilot/copilot.types";
import { formatMoney } from "@/lib/contracts/format";
import type { Db } from "../db";
import { exceptionScopeWhere } from "../governance/exception-scope";
import type { UserActor } from "../actor";
import type { CatalogProduct, LoadedCatalog } from "./load-copilot-catalog";

export interface AskContext {
  db: Db;
  /** Who asks: a person, or an agent acting as its token's user. */
  actor: UserActor;
  loaded: LoadedCatalog;
  /** The asker's calendar day (UTC), which relative dates count from. */
  today: string;
  now: Date;
  /** The latest network plan run: its business day anchors "next week" for projected impacts. */
  latestRun: { id: string; asOf: string; finishedAt: Date | null } | null;
  /** The exception page the question was asked on, if any ("why is this store short?"). */
  pageExceptionId: string | null;
}

/** An answer before suggestions and the "understood" chips are added. */
export interface DraftAnswer {
  status: AnswerStatus;
  sentence: AnswerSegment[];
  items?: AnswerItem[];
  primaryHref?: string | null;
}

export type IntentAnswerer = (ctx: AskContext, parsed: ParsedQuestion) => Promise<DraftAnswer>;

export const link = (text: string, href: string): AnswerSegment => ({ text, href });

/** A sentence from plain strings and linked segments; adjacent plain strings merge. */
export function sentence(...parts: (string | AnswerSegment | null | false)[]): AnswerSegment[] {
  const out: AnswerSegment[] = [];
  for (const part of parts) {
    if (part === null || part === false || part === "") continue;
    const segment = typeof part === "string" ? { text: part } : part;
    const last = out[out.length - 1];
    if (last && !last.href && !segment.href) last.text += segment.text;
    else out.push({ ...segment });
  }
  return out;
}

export const money = formatMoney;

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

export interface QueueFilters {
  type?: readonly string[];
  status?: readonly string[];
  region?: readonly string[];
  location?: readonly string[];
  category?: readonly string[];
  supplier?: readonly string[];
  q?: string;
  sort?: string;
  order?: "asc" | "desc";
}

/** The queue page with its URL filters (the same parameters the queue reads). */
export function queueHref(filters: QueueFilters): string {
  const params = new URLSearchParams();
  for (const key of ["type", "status", "region", "location", "category", "supplier"] as const) {
    const values = filters[key];
    if (values && values.length > 0) params.set(key, values.join(","));
  }
  if (filters.q) params.set("q", filters.q);
  if (filters.sort) {
    params.set("sort", filters.sort);
    params.set("order", filters.order ?? "desc");
  }
  const query = params.toString();
  return query ? `/queue?${query}` : "/queue";
}

export const exceptionHref = (id: string) => `/exceptions/${id}`;

export function dashboardHref(position: { region?: string; location?: string; category?: string; sku?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(position)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `/dashboard?${query}` : "/dashboard";
}

/** Words shared by the start of every name ("Urban jeans" for all its colours), for the queue's text search. */
export function sharedNamePrefix(products: readonly CatalogProduct[]): string {
  if (products.length === 1) return products[0]!.sku;
  const names = products.map((p) => p.name.split(" "));
  const first = names[0] ?? [];
  let n = 0;
  while (n < first.length && names.every((words) => words[n] === first[n])) n++;
  return first.slice(0, n).join(" ");
}

/** The queue filters equivalent to what the question named. */
export function queueFiltersOf(ctx: AskContext, entities: QuestionEntities, extra: QueueFilters = {}): QueueFilters {
  const products = entities.products.flatMap((sku) => ctx.loaded.productsBySku.get(sku) ?? []);
  return {
    type: entities.exceptionTypes,
    region: entities.regions,
    location: entities.locations,
    category: entities.categories,
    supplier: entities.suppliers,
    q: products.length > 0 ? sharedNamePrefix(products) : undefined,
    ...extra,
  };
}

/** Location ids of the actor's STORE scopes (Exception rows carry location ids, not codes). */
export function storeScopeIds(ctx: AskContext): number[] {
  return ctx.actor.scopes.flatMap((s) => (s.kind === "STORE" ? (ctx.loaded.locationsByCode.get(s.value)?.id ?? []) : []));
}

/** Open (or given status) exceptions matching what the question named, inside the asker's scope. */
export function exceptionWhere(
  ctx: AskContext,
  entities: QuestionEntities,
  options: { status?: readonly string[]; withTypes?: boolean } = {},
): Prisma.ExceptionWhereInput {
  const and: Prisma.ExceptionWhereInput[] = [exceptionScopeWhere(ctx.actor, storeScopeIds(ctx)), { status: { in: [...(options.status ?? ["open"])] } }];
  if ((options.withTypes ?? true) && entities.exceptionTypes.length > 0) and.push({ type: { in: entities.exceptionTypes } });
  if (entities.regions.length > 0) and.push({ region: { in: entities.regions } });
  if (entities.categories.length > 0) and.push({ category: { in: entities.categories } });
  if (entities.locations.length > 0) and.push({ locationId: { in: entities.locations.flatMap((c) => ctx.loaded.locationsByCode.get(c)?.id ?? []) } });
  if (entities.products.length > 0) and.push({ productId: { in: entities.products.flatMap((s) => ctx.loaded.productsBySku.get(s)?.id ?? []) } });
  if (entities.suppliers.length > 0) and.push({ supplierId: { in: entities.suppliers.flatMap((c) => ctx.loaded.suppliersByCode.get(c)?.id ?? []) } });
  return { AND: and };
}

/** "North · Outerwear · S007 North City 7": how the question's names read back to the asker. */
export function describeEntities(ctx: AskContext, entities: QuestionEntities): string[] {
  const out: string[] = [];
  for (const r of entities.regions) out.push(`Region ${r}`);
  for (const code of entities.locations) out.push(`${code} ${ctx.loaded.locationsByCode.get(code)?.name ?? ""}`.trim());
  for (const c of entities.categories) out.push(c);
  if (entities.products.length === 1) out.push(`${entities.products[0]} ${ctx.loaded.productsBySku.get(entities.products[0]!)?.name ?? ""}`.trim());
  else if (entities.products.length > 1) {
    const products = entities.products.flatMap((s) => ctx.loaded.productsBySku.get(s) ?? []);
    out.push(`${sharedNamePrefix(products)} (${entities.products.length} SKUs)`);
  }
  for (const code of entities.suppliers) out.push(`${ctx.loaded.suppliersByCode.get(code)?.name ?? code} (${code})`);
  for (const po of entities.purchaseOrders) out.push(`PO ${po}`);
  for (const promo of entities.promotions) out.push(`Promotion ${promo}`);
  for (const t of entities.exceptionTypes) out.push(t.replace(/_/g, " "));
  if (entities.deciderRole) out.push(`by ${entities.deciderRole.replace(/_/g, " ")}`);
  if (entities.decisionKind) out.push(`${entities.decisionKind}d`.replace("eed", "ed"));
  if (entities.period) out.push(entities.period.from === entities.period.to ? `${entities.period.label} (${entities.period.from})` : `${entities.period.label} (${entities.period.from} – ${entities.period.to})`);
  return out;
}

/** Where the exception is, as people name it: "SKU0038 Field winter boots sand at North City 7". */
export function placeOf(ctx: AskContext, e: { locationId: number; productId: number; identityKey: string; drivers: string }): string {
  const product = ctx.loaded.productsById.get(e.productId);
  const location = ctx.loaded.locationsById.get(e.locationId);
  // A cluster's item names its stores' cluster, not the DC it is filed under.
  const place = exceptionPlaceName({ location: { name: location?.name ?? `location ${e.locationId}` }, storeGroup: exceptionStoreGroup(e) });
  const supplierOrderGroup = exceptionSupplierOrderGroup(e, (code) => ctx.loaded.suppliersByCode.get(code)?.name);
  if (supplierOrderGroup) return `${exceptionSubjectName({ product: { name: "" }, supplierOrderGroup })} at ${place}`;
  return `${product ? `${product.sku} ${product.name}` : `product ${e.productId}`} at ${place}`;
}

export type { CopilotIntent, TAskResponse };
