"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "@/components/ui/api-client";
import { postExceptionDecision } from "@/components/queue/workbench-api";
import { useToast } from "@/components/ui/toaster";
import type { TExceptionDecisionRequest, TExceptionDetail, TExceptionDecisionResponse } from "@/lib/contracts/exceptions";

const DECISION_LABEL: Record<TExceptionDecisionRequest["decision"], { present: string; done: string }> = {
  approve: { present: "approve the action", done: "Action approved." },
  modify: { present: "change the quantity", done: "Quantity changed; the action was re-evaluated and routed again." },
  reject: { present: "reject the action", done: "Action rejected." },
  snooze: { present: "snooze", done: "Snoozed." },
  assign: { present: "assign", done: "Assignee updated." },
  comment: { present: "add the comment", done: "Comment added." },
  override_forecast: { present: "override the forecast", done: "Forecast override saved; replanning this series." },
};

/** What the page shows the moment the user decides, before the server answers. */
function applyOptimistically(detail: TExceptionDetail, request: TExceptionDecisionRequest, viewer: { id: string; name: string }): TExceptionDetail {
  const now = new Date().toISOString();
  const editAction = (id: string, edit: (r: TExceptionDetail["recommendations"][number]) => TExceptionDetail["recommendations"][number]) => ({
    ...detail,
    recommendations: detail.recommendations.map((r) => (r.id === id ? edit(r) : r)),
  });
  switch (request.decision) {
    case "approve":
      return editAction(request.recommendationId, (r) => ({ ...r, status: "approved", decidedBy: viewer, decidedAt: now }));
    case "reject":
      return editAction(request.recommendationId, (r) => ({ ...r, status: "rejected", decidedBy: viewer, decidedAt: now, reasonCode: request.reasonCode }));
    case "modify":
      return editAction(request.recommendationId, (r) => ({ ...r, quantity: request.quantity, modifiedBy: viewer }));
    case "snooze":
      return { ...detail, status: "snoozed", snoozedUntil: request.until };
    case "assign":
      return { ...detail, assignee: request.assigneeId === null ? null : request.assigneeId === viewer.id ? viewer : detail.assignee };
    case "comment":
      return { ...detail, comments: [...detail.comments, { id: `pending-${now}`, author: viewer, body: request.body, createdAt: now }] };
    case "override_forecast":
      return detail;
  }
}

/**
 * One mutation for every decision on the exception: optimistic, rolled back with the server's
 * reason when refused (a 409 names who decided first), and replaced by the server's re-evaluated
 * exception when accepted. The queue is refreshed so it never shows a decided row as open.
 */
export function useExceptionDecision(
  exceptionId: string,
  viewer: { id: string; name: string },
  onReplan: (runId: string, decision: TExceptionDecisionRequest["decision"]) => void,
) {
  const client = useQueryClient();
  const { notify } = useToast();
  const key = ["exception", exceptionId];
  return useMutation<TExceptionDecisionResponse, Error, TExceptionDecisionRequest, { previous: TExceptionDetail | undefined }>({
    mutationFn: (request) => postExceptionDecision(exceptionId, request),
    onMutate: async (request) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<TExceptionDetail>(key);
      if (previous) client.setQueryData(key, applyOptimistically(previous, request, viewer));
      return { previous };
    },
    onError: (error, request, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      notify("error", `Could not ${DECISION_LABEL[request.decision].present}: ${errorMessage(error)}`);
    },
    onSuccess: (response, request) => {
      client.setQueryData(key, response.exception);
      notify("success", DECISION_LABEL[request.decision].done);
      if (response.replanRunId) onReplan(response.replanRunId, request.decision);
    },
    onSettled: () => client.invalidateQueries({ queryKey: ["exceptions"] }),
  });
}
