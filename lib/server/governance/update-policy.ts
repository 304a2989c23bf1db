import "server-only";
import type { PolicyProposal } from "@prisma/client";
import type { Db, DbTransaction } from "../db";
import { recordAuditEvent } from "../audit/record-audit-event";
import { AppError, notFound } from "../app-error";
import { can } from "../../contracts/permissions";
import { runWriteTransaction } from "../write-transaction";
import { ZApprovalPolicyRules, ZUpdatePolicyRequest, type TApprovalPolicy, type TApprovalPolicyRules, type TUpdatePolicyRequest } from "../../contracts/governance";
import { getActivePolicy, parsePolicyRow } from "./get-active-policy";
import type { UserActor } from "../actor";
import { policyLoosenings } from "./policy-change";

export interface TPolicyProposalView {
  id: string;
  basedOnVersion: number;
  rules: TApprovalPolicyRules;
  note: string;
  loosenings: string[];
  proposedById: string;
  proposedAt: Date;
  status: string;
}

export type PolicyChangeResult = { status: "applied"; policy: TApprovalPolicy } | { status: "proposed"; proposal: TPolicyProposalView };

export function toProposalView(row: PolicyProposal): TPolicyProposalView {
  return {
    id: row.id,
    basedOnVersion: row.basedOnVersion,
    rules: ZApprovalPolicyRules.parse(JSON.parse(row.rules)),
    note: row.note,
    loosenings: JSON.parse(row.loosenings) as string[],
    proposedById: row.proposedById,
    proposedAt: row.proposedAt,
    status: row.status,
  };
}

function assertPolicyAdmin(actor: UserActor) {
  if (!can(actor.role, "policy.manage")) throw new AppError("FORBIDDEN", "Only an admin may change the approval policy.");
}

async function loadCurrent(tx: DbTransaction, basedOnVersion: number) {
  const current = await getActivePolicy(tx);
  if (current.version !== basedOnVersion) {
    throw new AppError(
      "CONFLICT",
      `The policy changed since you opened it (you edited version ${basedOnVersion}, version ${current.version} is now in force). Reload and edit again.`,
    );
  }
  return current;
}

/** Writes the next version and audits before → after (old versions stay for past decisions). */
async function applyPolicy(tx: DbTransaction, actor: UserActor, current: TApprovalPolicy, rules: TApprovalPolicyRules, note: string, approval?: { proposalId: string; proposedById: string }) {
  const version = current.version + 1;
  const row = await tx.approvalPolicy.create({ data: { version, rules: JSON.stringify(rules), createdById: actor.id, note } });
  await recordAuditEvent(tx, {
    actor,
    action: "policy.updated",
    entityType: "ApprovalPolicy",
    entityId: String(version),
    before: { version: current.version, rules: current.rules },
    after: { version, rules, ...(approval ? { proposalId: approval.proposalId, proposedById: approval.proposedById, approvedById: actor.id } : {}) },
    reason: note,
    policyVersion: version
  });
  return parsePolicyRow(row);
}

/**
 * Changes the approval policy. A change that only tightens applies at once; one that loosens
 * anything (see policyLoosenings) becomes a proposal a second admin must approve — four eyes —
 * and nothing changes until then. Both paths are audited; the hard bounds are checked at the
 * boundary (ZUpdatePolicyRequest). A newer version in the meantime is a conflict.
 */
export async function updatePolicy(db: Db, actor: UserActor, request: TUpdatePolicyRequest): Promise<PolicyChangeResult> {
  assertPolicyAdmin(actor);
  const { basedOnVersion, rules, note } = ZUpdatePolicyRequest.parse(request);
  await getActivePolicy(db);
  return runWriteTransaction(db, async (tx): Promise<PolicyChangeResult> => {
    const current = await loadCurrent(tx, basedOnVersion);
    const loosenings = policyLoosenings(current.rules, rules);
    if (loosenings.length === 0) return { status: "applied", policy: await applyPolicy(tx, actor, current, rules, note) };
    const proposal = await tx.policyProposal.create({
      data: { basedOnVersion, rules: JSON.stringify(rules), note, loosenings: JSON.stringify(loosenings), proposedById: actor.id, status: "pending" },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "policy.change_proposed",
      entityType: "PolicyProposal",
      entityId: proposal.id,
      before: { version: current.version, rules: current.rules },
      after: { basedOnVersion, rules, loosenings },
      reason: note,
      policyVersion: current.version
    });
    return { status: "proposed", proposal: toProposalView(proposal) };
  });
}

/**
 * A second admin approves (the loosening takes effect as the next version) or rejects a pending
 * proposal. The proposer cannot approve their own (segregation of duties) but may withdraw it.
 */
export async function decidePolicyProposal(db: Db, actor: UserActor, proposalId: string, decision: "approve" | "reject"): Promise<PolicyChangeResult> {
  assertPolicyAdmin(actor);
  await getActivePolicy(db);
  return runWriteTransaction(db, async (tx): Promise<PolicyChangeResult> => {
    const row = await tx.policyProposal.findUnique({ where: { id: proposalId } });
    if (!row) throw notFound("This policy proposal");
    if (row.status !== "pending") throw new AppError("CONFLICT", `This proposal was already ${row.status}.`);
    const proposal = toProposalView(row);
    const decided = { decidedById: actor.id, decidedAt: new Date() };
    if (decision === "reject") {
      await tx.policyProposal.update({ where: { id: row.id }, data: { status: "rejected", ...decided } });
      await recordAuditEvent(tx, { actor, action: "policy.change_rejected", entityType: "PolicyProposal", entityId: row.id, after: { loosenings: proposal.loosenings } });
      return { status: "proposed", proposal: { ...proposal, status: "rejected" } };
    }
    if (row.proposedById === actor.id) {
      throw new AppError("FORBIDDEN", "You proposed this change, so another admin must approve it (four eyes).");
    }
    const current = await loadCurrent(tx, row.basedOnVersion);
    const policy = await applyPolicy(tx, actor, current, proposal.rules, row.note, { proposalId: row.id, proposedById: row.proposedById });
    await tx.policyProposal.update({ where: { id: row.id }, data: { status: "approved", appliedVersion: policy.version, ...decided } });
    await recordAuditEvent(tx, { actor, action: "policy.change_approved", entityType: "PolicyProposal", entityId: row.id, after: { appliedVersion: policy.version, loosenings: proposal.loosenings } });
    return { status: "applied", policy };
  });
}

export async function listPendingPolicyProposals(db: Db): Promise<TPolicyProposalView[]> {
  const rows = await db.policyProposal.findMany({ where: { status: "pending" }, orderBy: { proposedAt: "desc" } });
  return rows.map(toProposalView);
}
