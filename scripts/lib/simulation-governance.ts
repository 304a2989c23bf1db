import type { SimulationGovernance } from "../../lib/engine/simulation/stockpilot-decisions";
import { actionTypeFromEngine, exceptionTypeFromEngine } from "../../lib/server/plan-runs/engine-vocabulary";
import { DEFAULT_APPROVAL_POLICY_RULES } from "../../lib/server/governance/default-approval-policy";
import { routeToTier } from "../../lib/server/governance/route-to-tier";
import { belowValueBar } from "../../lib/contracts/governance";
import { materiallyChanged } from "../../lib/server/plan-runs/materially-changed";
import type { PlanException } from "../../lib/engine/exceptions/exception-types";

/** Sales data of a plan made the morning after the last sales day is one day old. */
const SIMULATED_DATA_AGE_DAYS = 1;

const situation = (exception: PlanException) => ({
  type: exceptionTypeFromEngine(exception.type),
  moneyAtRisk: exception.score.moneyAtRisk,
  daysToImpact: Math.round(exception.score.daysUntilImpact),
  drivers: exception.drivers,
});

/**
 * The product's own governance for the simulation: the default approval policy's tier routing
 * (the same pure function a plan run calls), its value bar, and the plan runs' rule for re-raising a
 * decided exception.
 */
export const simulationGovernance: SimulationGovernance = {
  routeAction: (action, exception) =>
    routeToTier(
      {
        actionType: actionTypeFromEngine(action.kind),
        value: action.governanceValue,
        confidence: exception.score.confidence,
        dataAgeDays: SIMULATED_DATA_AGE_DAYS,
      },
      DEFAULT_APPROVAL_POLICY_RULES,
    ).tier,
  belowValueBar: (action) => belowValueBar(action.netBenefit, actionTypeFromEngine(action.kind), DEFAULT_APPROVAL_POLICY_RULES),
  decisionStands: (decided, current) => !materiallyChanged(situation(decided), situation(current)),
};
