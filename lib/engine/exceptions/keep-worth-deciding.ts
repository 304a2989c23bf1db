import type { ActionKind, ExceptionOptions, PlanException } from "./exception-types";

/** Actions only a person approves: markdowns and supplier commitments are never automatic (PRODUCT.md, Governance). */
const PERSON_ONLY_EXCESS_ACTIONS: readonly ActionKind[] = ["markdown", "cut-po", "cancel-po"];

/**
 * Leaves out what nobody would be asked about under the approval policy's value bar
 * (`minDecisionValue`, the least an action must net to be put to a person). Runs after grouping: a
 * cluster's markdown is judged on its sum, not store by store.
 * - Excess is a cost question, not a risk: when every action it offers is one only a person approves
 *   and none nets the bar, nothing would ever be done, so it is not raised. The stock sells down and
 *   buying is held back by the policy; the excess inventory KPI still counts it.
 * - Forecast drift is model monitoring: it is raised only when an action nets the bar (its best
 *   action, a model review worth the bias's money effect, is what the queue would judge against the
 *   bar). Below it, the finding is kept in the run's drift record (the dashboard's monitoring) only.
 * Risks (stock-outs, inaccurate records, late or stale orders, promotions) are raised whatever their actions net.
 */
export function keepWorthDeciding(exceptions: readonly PlanException[], options: Pick<ExceptionOptions, "minDecisionValue">): PlanException[] {
  return exceptions.filter((exception) => {
    const netsTheBar = exception.actions.some((action) => action.netBenefit >= options.minDecisionValue);
    if (exception.type === "excess-stock") return netsTheBar || exception.actions.some((action) => !PERSON_ONLY_EXCESS_ACTIONS.includes(action.kind));
    if (exception.type === "forecast-drift") return netsTheBar;
    return true;
  });
}
