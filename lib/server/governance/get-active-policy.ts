import "server-only";
import type { Db, DbTransaction } from "../db";
import { ZApprovalPolicyRules, type TApprovalPolicy } from "../../contracts/governance";

type PolicyRow = { version: number; rules: string; createdById: string | null; createdAt: Date; note: string | null };

/** Rules are JSON text in the database; a row that no longer parses is a defect, not user input. */
export function parsePolicyRow(row: PolicyRow): TApprovalPolicy {
  return { ...row, rules: ZApprovalPolicyRules.parse(JSON.parse(row.rules)) };
}

/**
 * The policy in force (highest version); reads only. Accepts an open transaction so decisions read
 * the policy inside the transaction that applies it. `npm run db:migrate` seeds version 1, so a
 * database without a policy was never migrated: that is a setup error, not a state to repair here.
 */
export async function getActivePolicy(client: Db | DbTransaction): Promise<TApprovalPolicy> {
  const latest = await client.approvalPolicy.findFirst({ orderBy: { version: "desc" } });
  if (!latest) throw new Error("No approval policy in the database: run `npm run db:migrate`, which seeds the default policy.");
  return parsePolicyRow(latest);
}
