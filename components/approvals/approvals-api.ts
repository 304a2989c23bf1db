import type { TBatchApproveRequest, TDecisionRequest } from "@/lib/server/governance/decisions.types";
import type { BatchApprovalSummary } from "@/lib/server/governance/batch-approve-recommendations.types";
import type { TPendingApprovals } from "@/lib/server/governance/list-pending-approvals.types";

/** A failed call with the server's user-facing message (e.g. the 409 "already approved by …"). */
export class ApprovalsApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApprovalsApiError";
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!response.ok) {
    throw new ApprovalsApiError(response.status, body?.error?.message ?? `The server answered ${response.status}. Try again.`);
  }
  return body as T;
}

export const fetchInbox = () => call<TPendingApprovals>("/api/v1/approvals");

export const batchApprove = (request: TBatchApproveRequest) =>
  call<BatchApprovalSummary>("/api/v1/approvals", { method: "POST", body: JSON.stringify(request) });

export const decide = (recommendationId: string, request: TDecisionRequest) =>
  call<{ recommendation: { id: string; status: string; version: number } }>(
    `/api/v1/recommendations/${encodeURIComponent(recommendationId)}/decisions`,
    { method: "POST", body: JSON.stringify(request) },
  );
