import type { ActionKind, ExceptionOptions, PlanException } from "./exception-types";

/** Actions only a person approves: markdowns and supplier commitments are never automatic (PRODUCT.md, Governance). */
const PERSON_ONLY_EXCESS_ACTIONS: readonly ActionKind[] = ["markdown", "cut-po", "cancel-po"];

/**
 * Excess is a cost question, not a risk: when every action it offers is one only a person approves
 * and none nets the approval policy's value bar (`minDecisionValue`), nobody would be asked about it
 * and nothing would ever be done, so it is not raised. The stock sells down and buying is held back
 * by the policy; the excess inventory KPI still counts it. Runs after grouping: a cluster's markdown
 * is judged on its sum, not store by store. Risks (stock-outs, inaccurate records, late or stale
 * orders, promotions) are raised whatever their actions net.
 */
export function keepWorthDeciding(exceptions: readonly PlanException[], options: Pick<ExceptionOptions, "minDecisionValue">): PlanException[] {
  return exceptions.filter(
    (exception) =>
      exception.type !== "excess-stock" ||
      exception.actions.some((action) => !PERSON_ONLY_EXCESS_ACTIONS.includes(action.kind) || action.netBenefit >= options.minDecisionValue),
  );
}
