import "server-only";
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { carryOver, type CarryOverProposal, type PriorRecommendation } from "../../engine/exceptions/carry-over";
import { repriceAction } from "../../engine/exceptions/reprice-action";
import type { DbTransaction } from "../db";
import { ZPricedDetails } from "../governance/action-pricing.types";

/** Days an approved action is a commitment: the same action is not proposed again within them. */
export const COMMITMENT_DAYS = 7;
const CHUNK = 500;
const CARRIED_STATUSES = ["pending", "rejected", "approved", "auto_approved", "exported"] as const;

/** What one action is on one exception, whichever run proposed it: type, places and PO. */
function actionKey(row: { exceptionId: string; actionType: string; sourceLocationId?: number | null; destLocationId?: number | null; poNumber?: string | null }): string {
  return [row.exceptionId, row.actionType, row.sourceLocationId ?? "", row.destLocationId ?? "", row.poNumber ?? ""].join("|");
}

/** The benefit the engine stated at its own quantity (a person's modification re-prices `benefit`). */
function proposedBenefit(row: { quantity: number; proposedQuantity: number; benefit: number; details: string }): number {
  if (row.quantity === row.proposedQuantity) return row.benefit;
  const parsed = ZPricedDetails.safeParse(safeJson(row.details));
  if (!parsed.success) return row.benefit;
  const repriced = repriceAction(parsed.data.pricing, row.proposedQuantity);
  return repriced.status === "priced" ? repriced.figures.expectedBenefit : row.benefit;
}

const ZProposalDetails = ZPricedDetails.extend({ quantityBasis: z.number().finite().nonnegative() });

/** What carry-over compares of a new proposal: its quantity, and the basis and pricing this run wrote into its details. */
function carryOverProposal(row: Prisma.RecommendationCreateManyInput): CarryOverProposal {
  const parsed = ZProposalDetails.safeParse(typeof row.details === "string" ? safeJson(row.details) : null);
  if (!parsed.success) throw new Error(`proposal for exception ${row.exceptionId} (${row.actionType}) has no quantity basis or pricing in its details: ${parsed.error.message}`);
  return { quantity: row.quantity, quantityBasis: parsed.data.quantityBasis, pricing: parsed.data.pricing };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface CarriedRecommendations {
  /** The new rows to write, ranks renumbered after what was kept or skipped. */
  rows: Prisma.RecommendationCreateManyInput[];
  /** Earlier pending recommendations kept instead of a new proposal (moved to this run, ranked anew). */
  kept: number;
  /** Proposals left out because a person rejected them, or approved them within COMMITMENT_DAYS, and nothing moved materially. */
  skipped: number;
}

/**
 * Applies the carry-over rule (lib/engine/exceptions/carry-over.ts) to a run's proposals: for each
 * action the latest earlier recommendation on the same exception decides whether the new one is
 * written, the earlier one kept (a pending item, with any quantity a person modified, stays as
 * it is and joins this run), or nothing is proposed (rejected; approved recently). Kept rows get
 * this run's id and their new rank, so superseding the previous runs' leftovers passes them by.
 * An exception raised again after a material change starts afresh.
 */
export async function carryOverRecommendations(
  tx: DbTransaction,
  proposals: readonly Prisma.RecommendationCreateManyInput[],
  runId: string,
  now: Date,
  /** Exceptions raised again because their situation changed materially: earlier decisions no longer stand. */
  reconsidered: ReadonlySet<string>,
): Promise<CarriedRecommendations> {
  const exceptionIds = [...new Set(proposals.map((row) => row.exceptionId).filter((id) => !reconsidered.has(id)))];
  const latest = new Map<string, PriorRecommendation>();
  for (let i = 0; i < exceptionIds.length; i += CHUNK) {
    const earlier = await tx.recommendation.findMany({
      where: { exceptionId: { in: exceptionIds.slice(i, i + CHUNK) }, planRunId: { not: runId }, status: { in: [...CARRIED_STATUSES] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, exceptionId: true, actionType: true, sourceLocationId: true, destLocationId: true, poNumber: true, status: true, quantity: true, proposedQuantity: true, benefit: true, details: true, decidedAt: true },
    });
    for (const row of earlier) {
      latest.set(actionKey(row), {
        id: row.id,
        status: row.status as PriorRecommendation["status"],
        proposedQuantity: row.proposedQuantity,
        quantity: row.quantity,
        expectedBenefit: proposedBenefit(row),
        decidedAt: row.decidedAt,
      });
    }
  }

  const rows: Prisma.RecommendationCreateManyInput[] = [];
  const keptRanks: { id: string; exceptionId: string; rank: number }[] = [];
  let skipped = 0;
  for (const proposal of proposals) {
    const decision = carryOver(latest.get(actionKey(proposal)), carryOverProposal(proposal), now, COMMITMENT_DAYS);
    if (decision.kind === "propose") rows.push(proposal);
    else if (decision.kind === "keep") keptRanks.push({ id: decision.priorId, exceptionId: proposal.exceptionId, rank: proposal.rank });
    else skipped += 1;
  }

  // Ranks follow the engine's order among what remains of each exception's actions.
  const byException = new Map<string, { rank: number; apply: (rank: number) => void }[]>();
  for (const row of rows) {
    const list = byException.get(row.exceptionId) ?? [];
    list.push({ rank: row.rank, apply: (rank) => (row.rank = rank) });
    byException.set(row.exceptionId, list);
  }
  const keptUpdates: { id: string; rank: number }[] = [];
  for (const kept of keptRanks) {
    const list = byException.get(kept.exceptionId) ?? [];
    const update = { id: kept.id, rank: kept.rank };
    list.push({ rank: kept.rank, apply: (rank) => (update.rank = rank) });
    byException.set(kept.exceptionId, list);
    keptUpdates.push(update);
  }
  for (const list of byException.values()) {
    list.sort((a, b) => a.rank - b.rank);
    list.forEach((entry, index) => entry.apply(index + 1));
  }
  for (const update of keptUpdates) {
    await tx.recommendation.update({ where: { id: update.id }, data: { planRunId: runId, rank: update.rank } });
  }
  return { rows, kept: keptUpdates.length, skipped };
}
