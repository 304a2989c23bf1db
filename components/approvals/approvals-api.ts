import { apiFetch } from "@/components/ui/api-client";
import type { TBatchApproveRequest, TDecisionRequest } from "@/lib/contracts/governance";
import type { BatchApprovalSummary } from "@/lib/contracts/governance";
import type { TPendingApprovals } from "@/lib/contracts/governance";

export const fetchInbox = () => apiFetch<TPendingApprovals>("/api/v1/approvals");

export const batchApprove = (request: TBatchApproveRequest) =>
  apiFetch<BatchApprovalSummary>("/api/v1/approvals", { method: "POST", body: JSON.stringify(request) });

export const decide = (recommendationId: string, request: TDecisionRequest) =>
  apiFetch<{ recommendation: { id: string; status: string; version: number }; replanRunId: string | null }>(
    `/api/v1/recommendations/${encodeURIComponent(recommendationId)}/decisions`,
    { method: "POST", body: JSON.stringify(request) },
  );
