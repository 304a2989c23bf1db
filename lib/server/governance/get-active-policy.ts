import "server-only";
import { Prisma } from "@prisma/client";
import type { Db, DbTransaction } from "../db";
import { recordAuditEvent } from "../audit/record-audit-event";
import { ZApprovalPolicyRules, type TApprovalPolicy } from "./approval-policy.types";
import { DEFAULT_APPROVAL_POLICY_RULES } from "./default-approval-policy";
import { SYSTEM_ACTOR } from "./governance-actor";

type PolicyRow = { version: number; rules: string; createdById: string | null; createdAt: Date; note: string | null };

/** Rules are JSON text in the database; a row that no longer parses is a defect, not user input. */
export function parsePolicyRow(row: PolicyRow): TApprovalPolicy {
  return { ...row, rules: ZApprovalPolicyRules.parse(JSON.parse(row.rules)) };
}

async function seedDefaultPolicy(tx: DbTransaction): Promise<PolicyRow> {
  const row = await tx.approvalPolicy.create({
    data: { version: 1, rules: JSON.stringify(DEFAULT_APPROVAL_POLICY_RULES), note: "Default policy (PRODUCT.md)" },
  });
  await recordAuditEvent(tx, {
    actor: { userId: SYSTEM_ACTOR.id, role: SYSTEM_ACTOR.role },
    action: "policy.seeded",
    entityType: "ApprovalPolicy",
    entityId: "1",
    after: DEFAULT_APPROVAL_POLICY_RULES,
    policyVersion: 1,
    origin: SYSTEM_ACTOR.origin,
  });
  return row;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * The policy in force (highest version). The first call on an empty database writes version 1,
 * the default policy, so every decision can name the version it was judged under. Accepts an
 * open transaction so decisions read the policy inside the transaction that applies it.
 */
export async function getActivePolicy(client: Db | DbTransaction): Promise<TApprovalPolicy> {
  const latest = await client.approvalPolicy.findFirst({ orderBy: { version: "desc" } });
  if (latest) return parsePolicyRow(latest);
  try {
    const seeded = "$transaction" in client ? await client.$transaction((tx) => seedDefaultPolicy(tx)) : await seedDefaultPolicy(client);
    return parsePolicyRow(seeded);
  } catch (error) {
    // Another process seeded version 1 between our read and our write: use theirs. (SQLite keeps
    // an open transaction usable after a failed INSERT, so this also works inside one.)
    if (!isUniqueViolation(error)) throw error;
    return parsePolicyRow(await client.approvalPolicy.findFirstOrThrow({ orderBy: { version: "desc" } }));
  }
}
