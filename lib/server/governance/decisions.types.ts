import { z } from "zod";

/** Why a person rejected or changed a recommendation; kept closed so reasons can be counted. */
export const REASON_CODES = [
  "quantity_adjusted",
  "better_alternative",
  "data_error",
  "business_context",
  "supplier_constraint",
  "capacity_constraint",
  "cost_too_high",
  "timing",
  "other",
] as const;
export const ZReasonCode = z.enum(REASON_CODES);
export type TReasonCode = z.infer<typeof ZReasonCode>;

const ZExpectedVersion = z.number().int().positive();
const ZComment = z.string().trim().max(1_000).optional();

/** "other" says nothing on its own, so it needs a comment. */
function requireCommentForOther(value: { reasonCode: TReasonCode; comment?: string }, ctx: z.RefinementCtx) {
  if (value.reasonCode === "other" && !value.comment) {
    ctx.addIssue({ code: "custom", path: ["comment"], message: "explain the reason when choosing “other”" });
  }
}

const ZApproveFields = z.object({ expectedVersion: ZExpectedVersion, comment: ZComment });
const ZModifyFields = z.object({
  expectedVersion: ZExpectedVersion,
  quantity: z.number().finite().positive(),
  reasonCode: ZReasonCode,
  comment: ZComment,
});
const ZRejectFields = z.object({ expectedVersion: ZExpectedVersion, reasonCode: ZReasonCode, comment: ZComment });

export const ZApproveRequest = ZApproveFields;
export type TApproveRequest = z.infer<typeof ZApproveRequest>;

export const ZModifyRequest = ZModifyFields.superRefine(requireCommentForOther);
export type TModifyRequest = z.infer<typeof ZModifyRequest>;

export const ZRejectRequest = ZRejectFields.superRefine(requireCommentForOther);
export type TRejectRequest = z.infer<typeof ZRejectRequest>;

/** Body of POST /api/v1/recommendations/[id]/decisions. */
export const ZDecisionRequest = z.discriminatedUnion("decision", [
  ZApproveFields.extend({ decision: z.literal("approve") }),
  ZModifyFields.extend({ decision: z.literal("modify") }).superRefine(requireCommentForOther),
  ZRejectFields.extend({ decision: z.literal("reject") }).superRefine(requireCommentForOther),
]);
export type TDecisionRequest = z.infer<typeof ZDecisionRequest>;

export const MAX_BATCH_APPROVALS = 200;

export const ZBatchApproveRequest = z.object({
  items: z
    .array(z.object({ recommendationId: z.string().min(1), expectedVersion: ZExpectedVersion }))
    .min(1)
    .max(MAX_BATCH_APPROVALS),
  /** The person saw the confirmation (count and total value) and confirmed it. */
  confirm: z.literal(true, { error: "confirm the batch approval explicitly" }),
  comment: ZComment,
});
export type TBatchApproveRequest = z.infer<typeof ZBatchApproveRequest>;

export const ZRecommendationParams = z.object({ id: z.string().min(1).max(64) });
