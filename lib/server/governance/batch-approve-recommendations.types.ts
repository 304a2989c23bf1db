import type { AppErrorCode } from "../http/app-error";

export type BatchApprovalResult =
  | { recommendationId: string; outcome: "approved"; version: number }
  | { recommendationId: string; outcome: "refused"; code: AppErrorCode; message: string };

export interface BatchApprovalSummary {
  approved: number;
  refused: number;
  results: BatchApprovalResult[];
}
