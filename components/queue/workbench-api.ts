import { z } from "zod";
import {
  APPROVAL_TIERS,
  EXCEPTION_STATUSES,
  EXCEPTION_TYPES,
  type TExceptionDecisionRequest,
  type TExceptionDecisionResponse,
  type TExceptionDetail,
  type TExceptionListItem,
  type TExceptionListPage,
} from "@/lib/server/exceptions/exceptions.types";
import { PLAN_RUN_STAGES, PLAN_RUN_STATUSES, PLAN_RUN_TRIGGERS } from "@/lib/server/plan-runs/plan-runs.types";

/** A failed API call, carrying the server's user-facing message (e.g. the 409 "already approved by …"). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

const ZErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fieldErrors: z.record(z.string(), z.array(z.string())).optional() }),
});

const FALLBACK_MESSAGES: Record<number, string> = {
  401: "Your session has ended. Sign in again.",
  403: "You do not have permission to do this.",
  404: "This item was not found, or it is outside your scope.",
};

async function toApiError(response: Response): Promise<ApiError> {
  const parsed = ZErrorBody.safeParse(await response.json().catch(() => null));
  if (!parsed.success) {
    return new ApiError(response.status, "UNKNOWN", FALLBACK_MESSAGES[response.status] ?? `The server answered ${response.status}. Try again.`);
  }
  const { code, message, fieldErrors } = parsed.data.error;
  const details = fieldErrors ? Object.values(fieldErrors).flat() : [];
  return new ApiError(response.status, code, details.length > 0 ? `${message} ${details.join("; ")}` : message);
}

async function requestJson(url: string, init?: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}) } });
  } catch {
    throw new ApiError(0, "NETWORK", "The server could not be reached. Check your connection and try again.");
  }
  if (!response.ok) throw await toApiError(response);
  return response.json();
}

/** Readable message for anything a query or mutation threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof z.ZodError) return "The server sent data this page does not understand. Reload the page; if it persists, report it.";
  return "Something went wrong. Try again.";
}

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
  summary: z.string(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  raisedAt: z.string(),
  snoozedUntil: z.string().nullable(),
  version: z.number(),
}) satisfies z.ZodType<TExceptionListItem>;

const ZExceptionListPage = z.object({ items: z.array(ZExceptionListItem), nextCursor: z.string().nullable() }) satisfies z.ZodType<TExceptionListPage>;

export async function fetchExceptionPage(search: URLSearchParams, cursor: string | null): Promise<TExceptionListPage> {
  const params = new URLSearchParams(search);
  if (cursor) params.set("cursor", cursor);
  return ZExceptionListPage.parse(await requestJson(`/api/v1/exceptions?${params.toString()}`));
}

/**
 * The detail is large and typed by the same module the server builds it from, so only its
 * identity is checked here; a full parse would cost more than it protects.
 */
const ZDetailIdentity = z.object({ id: z.string(), version: z.number(), recommendations: z.array(z.object({ id: z.string() })) }).loose();

export async function fetchExceptionDetail(id: string): Promise<TExceptionDetail> {
  const body = await requestJson(`/api/v1/exceptions/${encodeURIComponent(id)}`);
  ZDetailIdentity.parse(body);
  return body as TExceptionDetail;
}

export async function postExceptionDecision(id: string, decision: TExceptionDecisionRequest): Promise<TExceptionDecisionResponse> {
  const body = await requestJson(`/api/v1/exceptions/${encodeURIComponent(id)}/decisions`, {
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
  scope: z.object({ locationId: z.number(), productId: z.number() }).nullable(),
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
  return ZPlanRunList.parse(await requestJson("/api/v1/plan-runs"));
}

export async function fetchPlanRun(id: string): Promise<PlanRunView> {
  return ZPlanRunView.parse(await requestJson(`/api/v1/plan-runs/${encodeURIComponent(id)}`));
}

export async function startPlanRun(): Promise<PlanRunView> {
  return ZPlanRunView.parse(await requestJson("/api/v1/plan-runs", { method: "POST", body: "{}" }));
}
