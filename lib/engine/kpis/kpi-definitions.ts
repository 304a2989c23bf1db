import { DECISION_OUTCOME_DEFINITION } from "./decision-outcome";
import { BIAS_DEFINITION, MASE_DEFINITION, WAPE_DEFINITION } from "./forecast-accuracy";
import { FVA_DEFINITION } from "./forecast-value-added";
import {
  EXCESS_VALUE_DEFINITION,
  INVENTORY_TURNS_DEFINITION,
  MARKDOWN_EXPOSURE_DEFINITION,
  WEEKS_OF_COVER_DEFINITION,
  WORKING_CAPITAL_DEFINITION,
} from "./inventory-health";
import { RETURN_RATE_DEFINITION } from "./return-rate";
import { FILL_RATE_DEFINITION, IN_STOCK_DEFINITION, LOST_SALES_DEFINITION } from "./service-level";
import {
  APPROVAL_CYCLE_TIME_DEFINITION,
  AUTOMATED_SHARE_DEFINITION,
  EXCEPTION_AGEING_DEFINITION,
  EXCEPTION_VOLUME_DEFINITION,
  OVERRIDE_RATE_DEFINITION,
  TIME_TO_RESOLVE_DEFINITION,
} from "./workflow";

/** How a KPI value is shown. */
export type KpiUnit = "percent" | "ratio" | "money" | "weeks" | "days" | "hours" | "count" | "turns" | "units";

export interface KpiDefinition {
  label: string;
  definition: string;
  unit: KpiUnit;
  /** Whether a rise is good news, for the trend arrow's colour; null when neither. */
  higherIsBetter: boolean | null;
}

/** Every KPI the dashboard shows, with the written definition that sits beside its formula. */
export const KPI_DEFINITIONS = {
  wape: { label: "Forecast error (WAPE)", definition: WAPE_DEFINITION, unit: "percent", higherIsBetter: false },
  mase: { label: "MASE", definition: MASE_DEFINITION, unit: "ratio", higherIsBetter: false },
  bias: { label: "Forecast bias", definition: BIAS_DEFINITION, unit: "percent", higherIsBetter: null },
  inStock: { label: "In-stock", definition: IN_STOCK_DEFINITION, unit: "percent", higherIsBetter: true },
  fillRate: { label: "Fill rate", definition: FILL_RATE_DEFINITION, unit: "percent", higherIsBetter: true },
  lostSales: { label: "Estimated lost sales", definition: LOST_SALES_DEFINITION, unit: "money", higherIsBetter: false },
  returnRate: { label: "Return rate", definition: RETURN_RATE_DEFINITION, unit: "percent", higherIsBetter: false },
  turns: { label: "Inventory turns", definition: INVENTORY_TURNS_DEFINITION, unit: "turns", higherIsBetter: true },
  weeksOfCover: { label: "Weeks of cover", definition: WEEKS_OF_COVER_DEFINITION, unit: "weeks", higherIsBetter: null },
  excessValue: { label: "Excess inventory", definition: EXCESS_VALUE_DEFINITION, unit: "money", higherIsBetter: false },
  markdownExposure: { label: "Markdown exposure", definition: MARKDOWN_EXPOSURE_DEFINITION, unit: "money", higherIsBetter: false },
  workingCapital: { label: "Working capital (at cost)", definition: WORKING_CAPITAL_DEFINITION, unit: "money", higherIsBetter: null },
  openExceptions: { label: "Open exceptions", definition: EXCEPTION_VOLUME_DEFINITION, unit: "count", higherIsBetter: false },
  exceptionAge: { label: "Exception age", definition: EXCEPTION_AGEING_DEFINITION, unit: "days", higherIsBetter: false },
  timeToResolve: { label: "Time to resolve", definition: TIME_TO_RESOLVE_DEFINITION, unit: "days", higherIsBetter: false },
  approvalCycle: { label: "Approval cycle time", definition: APPROVAL_CYCLE_TIME_DEFINITION, unit: "hours", higherIsBetter: false },
  overrideRate: { label: "Override rate", definition: OVERRIDE_RATE_DEFINITION, unit: "percent", higherIsBetter: null },
  automatedShare: { label: "Actions automated", definition: AUTOMATED_SHARE_DEFINITION, unit: "percent", higherIsBetter: true },
  forecastValueAdded: { label: "Forecast value added", definition: FVA_DEFINITION, unit: "units", higherIsBetter: true },
  decisionOutcome: { label: "Value protected", definition: DECISION_OUTCOME_DEFINITION, unit: "money", higherIsBetter: true },
} as const satisfies Record<string, KpiDefinition>;

export type KpiId = keyof typeof KPI_DEFINITIONS;
