import { defaultExceptionOptions, type PlanException } from "../exceptions/exception-types";
import { forecastPanel } from "../forecast/forecast-panel";
import { defaultPlanOptions, runPlan } from "../plan/run-plan";
import type { ForecastStep, PlanOptions, PlanResult } from "../plan/plan-types";
import type { DayNumber, SeriesForecast } from "../types";
import type { DigitalTwin } from "./digital-twin";
import { FollowedRunLog, NoActionClaims, type ExceptionQuality } from "./exception-quality";
import { computeMinMaxLevels } from "./minmax-levels";
import { buildPlanSnapshot } from "./plan-snapshot";
import { levelsFromPlan, replenishDcs, replenishStores, shipAllocations } from "./replenish";
import { carryOutAction, chooseDecisions, type ForecastOverride, type SimulationGovernance } from "./stockpilot-decisions";
import { TwinWorld, type Ledger } from "./twin-world";

export const SIMULATION_POLICIES = ["stockpilot", "minmax", "none"] as const;
export type SimulationPolicy = (typeof SIMULATION_POLICIES)[number];

export interface SimulationOptions {
  policies: readonly SimulationPolicy[];
  /** Decisions one planner makes a day. */
  plannerCapacity: number;
  planners: number;
  governance: SimulationGovernance;
  plan: Partial<PlanOptions>;
  costs: { supplierOrderLine: number; replenishmentLine: number };
  /** Weeks of history the static min-max levels are set from. */
  minMaxWeeks: number;
  /** Replaces the engine's forecaster (tests use a cheap one); the plan is otherwise the real runPlan. */
  forecastStep?: ForecastStep;
  /** After each morning's plan, before anyone acts on it. */
  onPlan?: (policy: SimulationPolicy, day: number, plan: PlanResult, world: TwinWorld) => void;
  /** After each simulated day (progress, invariant checks). */
  onDay?: (policy: SimulationPolicy, day: number, world: TwinWorld) => void;
}

export const defaultSimulationOptions: Omit<SimulationOptions, "governance"> = {
  policies: SIMULATION_POLICIES,
  plannerCapacity: 30,
  planners: 1,
  plan: {},
  costs: { supplierOrderLine: 25, replenishmentLine: 2 },
  minMaxWeeks: 8,
};

export interface PolicyFigures {
  /** Series-days with physical stock ≥ 1 among series-days with demand, in percent. */
  inStockPct: number;
  /** Units sold / units demanded. */
  fillRate: number;
  lostSalesUnits: number;
  lostSalesValue: number;
  /** Mean end-of-day inventory at cost (on hand + moving between own locations). */
  avgInventoryValue: number;
  /** The part of the average inventory value held at DCs. */
  avgDcInventoryValue: number;
  /** holding + ordering + transfer + expedite + markdown + cycle count + lost margin. */
  totalCost: number;
  costs: { holding: number; ordering: number; transfer: number; expedite: number; markdown: number; cycleCount: number; lostMargin: number };
  /** Cost of goods sold per year / average inventory value. */
  turns: number;
  decisionsPerPlannerDay: number;
  autoDecisionsPerDay: number;
  demandUnits: number;
  salesUnits: number;
  shrinkUnits: number;
  orderLines: number;
  transferredUnits: number;
  markdownUnits: number;
}

export interface SimulationResult {
  days: number;
  planners: number;
  policies: Partial<Record<SimulationPolicy, PolicyFigures>>;
  /** Precision and recall from the run that does not act on exceptions (`none`); volume and churn from `stockpilot`. */
  exceptions: Partial<ExceptionQuality>;
  /** Plans run and their total time, per policy. */
  plans: Partial<Record<SimulationPolicy, { count: number; milliseconds: number }>>;
}

/**
 * Runs the twin's days once per policy, each in its own copy of the world and against the same
 * hidden truth. `stockpilot` and `none` plan every morning with the same runPlan a plan run uses,
 * on what the system has recorded; `none` ships the plan's DC allocations and orders DC stock to
 * the plan's levels, `stockpilot` also carries out the recommendations governance lets through;
 * `minmax` replenishes to static levels and never plans.
 */
export async function runSimulation(twin: DigitalTwin, options: SimulationOptions): Promise<SimulationResult> {
  const result: SimulationResult = { days: twin.days, planners: options.planners, policies: {}, exceptions: {}, plans: {} };
  for (const policy of SIMULATION_POLICIES.filter((name) => options.policies.includes(name))) {
    const run = await runPolicy(twin, policy, options);
    result.policies[policy] = run.figures;
    result.plans[policy] = run.plans;
    Object.assign(result.exceptions, run.exceptions);
  }
  return result;
}

async function runPolicy(
  twin: DigitalTwin,
  policy: SimulationPolicy,
  options: SimulationOptions,
): Promise<{ figures: PolicyFigures; exceptions: Partial<ExceptionQuality>; plans: { count: number; milliseconds: number } }> {
  const planOptions: PlanOptions = { ...defaultPlanOptions, ...options.plan, exceptions: { ...defaultExceptionOptions, ...options.plan.exceptions } };
  const world = new TwinWorld(twin, {
    ...options.costs,
    holdingRatePerYear: planOptions.holdingRatePerYear,
    expediteCostShare: planOptions.exceptions.expediteCostShare,
    markdownDepth: planOptions.exceptions.markdownDepth,
    cycleCountCost: planOptions.exceptions.cycleCountCost,
    storeTransfer: planOptions.storeTransfer,
    storeToDcReturn: planOptions.storeToDcReturn,
    dcToStoreLeadTime: planOptions.dcToStoreLeadTime,
  });
  const leadTimeDays = Math.ceil(planOptions.dcToStoreLeadTime.meanDays);
  const minMax =
    policy === "minmax"
      ? computeMinMaxLevels(world, {
          weeks: options.minMaxWeeks,
          serviceLevel: planOptions.serviceTarget.level,
          reviewPeriodDays: planOptions.reviewPeriodDays,
          dcToStoreLeadTimeDays: planOptions.dcToStoreLeadTime.meanDays,
        })
      : undefined;
  const claims = policy === "none" ? new NoActionClaims(world, planOptions.exceptions, leadTimeDays) : undefined;
  const followed = policy === "stockpilot" ? new FollowedRunLog(world) : undefined;
  const forecasting = createSimulationForecastStep(options.forecastStep);
  const decided = new Map<string, PlanException>();
  const lost = new Float64Array(twin.series.length);
  const plans = { count: 0, milliseconds: 0 };
  let humanDecisions = 0;
  let autoDecisions = 0;

  for (let day = 0; day < twin.days; day += 1) {
    const today: DayNumber = twin.startDay + day;
    world.receive(today);
    if (minMax) {
      replenishStores(world, minMax, today);
      replenishDcs(world, minMax, today);
    } else {
      const snapshot = buildPlanSnapshot(world, today);
      const started = performance.now();
      const plan = await runPlan(snapshot, planOptions, forecasting.step);
      plans.count += 1;
      plans.milliseconds += performance.now() - started;
      options.onPlan?.(policy, day, plan, world);
      claims?.recordPlan(day, today, plan);
      followed?.recordPlan(plan);
      world.materialChange.fill(0);
      shipAllocations(world, plan.allocations, today);
      claims?.recordShipped(day, plan);
      if (policy === "stockpilot") {
        const monitored = new Set(plan.driftFindings.filter((finding) => !finding.passedValueBar).map((finding) => finding.exceptionId));
        const decisions = chooseDecisions(plan.exceptions, options.governance, options.plannerCapacity * options.planners, decided, monitored);
        for (const { exception, action } of [...decisions.auto, ...decisions.human]) {
          carryOutAction(world, exception, action, today, forecasting.forecasts, forecasting.overrides);
        }
        autoDecisions += decisions.auto.length;
        humanDecisions += decisions.human.length;
        followed?.recordHumanQueue(decisions.humanQueueIds, decisions.belowValueBar);
      }
      replenishDcs(world, levelsFromPlan(world, plan.series), today);
    }
    world.trade(day, today, lost);
    claims?.recordTrade(day, lost, today);
    world.closeDay();
    options.onDay?.(policy, day, world);
  }

  const exceptions: Partial<ExceptionQuality> = { ...(claims ? claims.settle() : {}), ...(followed ? followed.summary(options.planners) : {}) };
  return { figures: policyFigures(world.ledger, twin.days, humanDecisions, autoDecisions, options.planners), exceptions, plans };
}

export function policyFigures(ledger: Ledger, days: number, humanDecisions: number, autoDecisions: number, planners: number): PolicyFigures {
  const avgInventoryValue = ledger.inventoryValueDays / days;
  const costs = {
    holding: ledger.holdingCost,
    ordering: ledger.orderingCost,
    transfer: ledger.transferCost,
    expedite: ledger.expediteCost,
    markdown: ledger.markdownCost,
    cycleCount: ledger.countCost,
    lostMargin: ledger.lostMargin,
  };
  return {
    inStockPct: ledger.demandDays > 0 ? (100 * ledger.inStockDemandDays) / ledger.demandDays : 100,
    fillRate: ledger.demandUnits > 0 ? ledger.salesUnits / ledger.demandUnits : 1,
    lostSalesUnits: ledger.lostUnits,
    lostSalesValue: ledger.lostSalesValue,
    avgInventoryValue,
    avgDcInventoryValue: ledger.dcInventoryValueDays / days,
    totalCost: Object.values(costs).reduce((sum, value) => sum + value, 0),
    costs,
    turns: avgInventoryValue > 0 ? ((ledger.costOfSales / days) * 365) / avgInventoryValue : 0,
    decisionsPerPlannerDay: humanDecisions / (days * planners),
    autoDecisionsPerDay: autoDecisions / days,
    demandUnits: ledger.demandUnits,
    salesUnits: ledger.salesUnits,
    shrinkUnits: ledger.shrinkUnits,
    orderLines: ledger.orderLines,
    transferredUnits: ledger.transferredUnits,
    markdownUnits: ledger.markdownUnits,
  };
}

/**
 * The forecast step of the simulated plans: the engine's forecaster, warm-started from the day
 * before (as a nightly run would be), with approved forecast changes laid over it.
 */
function createSimulationForecastStep(base: ForecastStep | undefined) {
  const forecasts = new Map<string, SeriesForecast>();
  const overrides = new Map<string, ForecastOverride>();
  const step: ForecastStep = async (series, options) => {
    const warmStart = new Map<string, unknown>();
    for (const [id, forecast] of forecasts) if (forecast.state !== undefined) warmStart.set(id, forecast.state);
    const results = base ? await base(series, options) : forecastPanel(series, { horizon: options.horizon, futurePromo: options.futurePromo, backtestDays: options.backtestDays, warmStart });
    for (const forecast of results) {
      const override = overrides.get(forecast.id);
      if (override) applyOverride(forecast, override);
      forecasts.set(forecast.id, forecast);
    }
    return results;
  };
  return {
    step,
    forecasts,
    overrides,
  };
}

function applyOverride(forecast: SeriesForecast, override: ForecastOverride): void {
  for (let h = 0; h < forecast.mean.length; h += 1) {
    const day = forecast.firstDay + h;
    if (day < override.firstDay || day > override.lastDay) continue;
    forecast.mean[h] = forecast.mean[h]! * override.factor;
    for (const quantile of forecast.quantiles) quantile.values[h] = quantile.values[h]! * override.factor;
  }
}
