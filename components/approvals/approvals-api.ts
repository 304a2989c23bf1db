import { apiFetch } from "@/components/api-client";
import type { TBatchApproveRequest, TDecisionRequest } from "@/lib/server/governance/decisions.types";
import type { BatchApprovalSummary } from "@/lib/server/governance/batch-approve-recommendations.types";
import type { TPendingApprovals } from "@/lib/server/governance/list-pending-approvals.types";

export const fetchInbox = () => apiFetch<TPendingApprovals>("/api/v1/approvals");

export const batchApprove = (request: TBatchApproveRequest) =>
  apiFetch<BatchApprovalSummary>("/api/v1/approvals", { method: "POST", body: JSON.stringify(request) });

export const decide = (recommendationId: string, request: TDecisionRequest) =>
  apiFetch<{ recommendation: { id: string; status: string; version: number } }>(
    `/api/v1/recommendations/${encodeURIComponent(recommendationId)}/decisions`,
    { method: "POST", body: JSON.stringify(request) },
  );
