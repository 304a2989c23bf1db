import { z } from "zod";
import { APPROVAL_TIERS } from "@/lib/contracts/governance";
import { DAILY_CAP_PARTS, EXCEPTION_STATUSES, EXCEPTION_TYPES, type TExceptionDecisionRequest, type TExceptionDecisionResponse, type TExceptionDetail, type TExceptionListItem, type TExceptionListPage } from "@/lib/contracts/exceptions";
import { apiFetch } from "@/components/ui/api-client";
import { PLAN_RUN_STAGES, PLAN_RUN_STATUSES, PLAN_RUN_TRIGGERS, ZPlanRunScope } from "@/lib/contracts/plan-runs";

// --- exceptions ---------------------------------------------------------------------------------

const ZExceptionListItem = z.object({
  id: z.string(),
  type: z.enum(EXCEPTION_TYPES),
  status: z.enum(EXCEPTION_STATUSES),
  location: z.object({ id: z.number(), code: z.string(), name: z.string(), region: z.string() }),
  product: z.object({ id: z.number(), sku: z.string(), name: z.string(), category: z.string() }),
  score: z.number(),
  moneyAtRisk: z.number(),
  urgency: z.number(),
  confidence: z.number(),
  daysToImpact: z.number().nullable(),
  tierRequired: z.enum(APPROVAL_TIERS).nullable(),
  belowValueBar: z.boolean(),
  summary: z.string(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  raisedAt: z.string(),
  snoozedUntil: z.string().nullable(),
  version: z.number(),
  storeGroup: z.object({ region: z.string(), cluster: z.string(), stores: z.number() }).nullable(),
  supplierOrderGroup: z
    .object({ supplier: z.object({ code: z.string(), name: z.string() }), purchaseOrders: z.array(z.string()), skus: z.number(), lines: z.number() })
    .nullable(),
}) satisfies z.ZodType<TExceptionListItem>;

const ZDailyCap = z.object({
  cap: z.number(),
  policyVersion: z.number(),
  decidedToday: z.number(),
  open: z.number(),
  offered: z.number(),
  waiting: z.number(),
  belowValueBar: z.number(),
  autoHandledToday: z.number(),
  minDecisionValue: z.number(),
  showing: z.enum(DAILY_CAP_PARTS),
});

const ZExceptionListPage = z.object({ items: z.array(ZExceptionListItem), nextCursor: z.string().nullable(), total: z.number().nullable(), dailyCap: ZDailyCap.nullable() }) satisfies z.ZodType<TExceptionListPage>;

export async function fetchExceptionPage(search: URLSearchParams, cursor: string | null): Promise<TExceptionListPage> {
  const params = new URLSearchParams(search);
  if (cursor) params.set("cursor", cursor);
  return ZExceptionListPage.parse(await apiFetch<unknown>(`/api/v1/exceptions?${params.toString()}`));
}

/**
 * The detail is large and typed by the same module the server builds it from, so only its
 * identity is checked here; a full parse would cost more than it protects.
 */
const ZDetailIdentity = z.object({ id: z.string(), version: z.number(), recommendations: z.array(z.object({ id: z.string() })) }).loose();

export async function fetchExceptionDetail(id: string): Promise<TExceptionDetail> {
  const body = await apiFetch<unknown>(`/api/v1/exceptions/${encodeURIComponent(id)}`);
  ZDetailIdentity.parse(body);
  return body as TExceptionDetail;
}

export async function postExceptionDecision(id: string, decision: TExceptionDecisionRequest): Promise<TExceptionDecisionResponse> {
  const body = await apiFetch<unknown>(`/api/v1/exceptions/${encodeURIComponent(id)}/decisions`, {
    method: "POST",
    body: JSON.stringify(decision),
  });
  z.object({ exception: ZDetailIdentity, replanRunId: z.string().nullable() }).parse(body);
  return body as TExceptionDecisionResponse;
}

// --- plan runs ----------------------------------------------------------------------------------

const ZPlanRunView = z.object({
  id: z.string(),
  status: z.enum(PLAN_RUN_STATUSES),
  trigger: z.enum(PLAN_RUN_TRIGGERS),
  requestedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  asOf: z.string(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  stage: z.enum(PLAN_RUN_STAGES).nullable(),
  progress: z.number(),
  stageTimings: z.record(z.string(), z.number()).nullable(),
  counts: z.record(z.string(), z.number()).nullable(),
  inputHash: z.string().nullable(),
  engineVersion: z.string().nullable(),
  policyVersion: z.number().nullable(),
  error: z.string().nullable(),
  scope: ZPlanRunScope.nullable(),
});
/** The fields this client reads; counts and timings are passed through as records. */
export type PlanRunView = z.infer<typeof ZPlanRunView>;

const ZPlanRunList = z.object({
  runs: z.array(ZPlanRunView),
  latestSucceeded: ZPlanRunView.nullable(),
  schedule: z.object({ dailyAt: z.string().nullable() }),
});
export type PlanRunList = z.infer<typeof ZPlanRunList>;

export async function fetchPlanRuns(): Promise<PlanRunList> {
  return ZPlanRunList.parse(await apiFetch<unknown>("/api/v1/plan-runs"));
}

export async function fetchPlanRun(id: string): Promise<PlanRunView> {
  return ZPlanRunView.parse(await apiFetch<unknown>(`/api/v1/plan-runs/${encodeURIComponent(id)}`));
}

export async function startPlanRun(): Promise<PlanRunView> {
  return ZPlanRunView.parse(await apiFetch<unknown>("/api/v1/plan-runs", { method: "POST", body: "{}" }));
}
