import "server-only";
import type { Db } from "../db";
import { recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../http/app-error";
import { can } from "../permissions/permissions";
import type { TApprovalPolicy, TUpdatePolicyRequest } from "./approval-policy.types";
import { getActivePolicy, parsePolicyRow } from "./get-active-policy";
import type { GovernanceActor } from "./governance-actor";
import { runWriteTransaction } from "../write-transaction";

/**
 * Writes a new policy version (old versions stay, so past decisions keep the rules they were
 * judged under) and audits before → after in the same transaction. Refuses when someone else
 * saved a newer version since the editor loaded `basedOnVersion`. The request is parsed with
 * ZUpdatePolicyRequest at the boundary (route handler).
 */
export async function updatePolicy(
  db: Db,
  actor: GovernanceActor,
  { basedOnVersion, rules, note }: TUpdatePolicyRequest,
): Promise<TApprovalPolicy> {
  if (!can(actor.role, "policy.manage")) throw new AppError("FORBIDDEN", "Only an admin may change the approval policy.");
  await getActivePolicy(db);
  return runWriteTransaction(db, async (tx) => {
    const current = await getActivePolicy(tx);
    if (current.version !== basedOnVersion) {
      throw new AppError(
        "CONFLICT",
        `The policy changed since you opened it (you edited version ${basedOnVersion}, version ${current.version} is now in force). Reload and edit again.`,
      );
    }
    const version = current.version + 1;
    const row = await tx.approvalPolicy.create({
      data: { version, rules: JSON.stringify(rules), createdById: actor.id, note },
    });
    await recordAuditEvent(tx, {
      actor: { userId: actor.id, role: actor.role },
      action: "policy.updated",
      entityType: "ApprovalPolicy",
      entityId: String(version),
      before: { version: current.version, rules: current.rules },
      after: { version, rules },
      reason: note,
      policyVersion: version,
      origin: actor.origin,
    });
    return parsePolicyRow(row);
  });
}
