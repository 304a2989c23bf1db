import "server-only";
import type { Prisma } from "@prisma/client";
import type { PlanDriftFinding } from "../../engine/plan/plan-types";
import type { Db, DbTransaction } from "../db";
import type { PlanInputs } from "./load-plan-inputs";

const ROWS_PER_INSERT = 500;

export interface WriteDriftFindingsInput {
  runId: string;
  inputs: Pick<PlanInputs, "locationsByCode" | "productsBySku">;
  findings: readonly PlanDriftFinding[];
}

/**
 * The run's forecast drift findings (model monitoring: every one, below the value bar or not) as rows
 * of this run only, like its chart series: readers take the latest succeeded run's, so they stay
 * invisible until the run publishes, and a failed or killed run's are never shown. Written before
 * the publish transaction (a shard writes its own products' in the transaction that marks it done).
 * Returns how many were written.
 */
export async function writeDriftFindings(db: Db | DbTransaction, input: WriteDriftFindingsInput): Promise<number> {
  const rows: Prisma.PlanRunDriftFindingCreateManyInput[] = [];
  for (const finding of input.findings) {
    const location = input.inputs.locationsByCode.get(finding.locationId);
    const product = input.inputs.productsBySku.get(finding.sku);
    const figures = [finding.moneyAtRisk, finding.confidence, finding.bias, finding.currentBias, finding.trackingSignal, finding.wape];
    // A figure that is not a finite number cannot be stored (an engine defect, as resolvePlanExceptions treats it).
    if (!location || !product || !figures.every(Number.isFinite)) continue;
    rows.push({
      planRunId: input.runId,
      locationId: location.id,
      productId: product.id,
      category: product.category,
      method: finding.method,
      moneyAtRisk: finding.moneyAtRisk,
      confidence: finding.confidence,
      bias: finding.bias,
      currentBias: finding.currentBias,
      trackingSignal: finding.trackingSignal,
      wape: finding.wape,
      backtestDays: finding.backtestDays,
      passedValueBar: finding.passedValueBar,
    });
  }
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) await db.planRunDriftFinding.createMany({ data: rows.slice(start, start + ROWS_PER_INSERT) });
  return rows.length;
}
