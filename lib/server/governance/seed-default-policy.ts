import "server-only";
import { SYSTEM_ACTOR } from "../actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Db } from "../db";
import { isPrismaError } from "../db-errors";
import { DEFAULT_APPROVAL_POLICY_RULES } from "./default-approval-policy";

/**
 * Writes version 1, the default policy (PRODUCT.md), when the database has no policy yet, audited,
 * so every decision can name the version it was judged under. A step of `npm run db:migrate`
 * (and so of the demo, the test template and the end-to-end server), never of a read.
 */
export async function seedDefaultPolicy(db: Db): Promise<"seeded" | "present"> {
  try {
    return await db.$transaction(async (tx) => {
      if ((await tx.approvalPolicy.count()) > 0) return "present" as const;
      await tx.approvalPolicy.create({
        data: { version: 1, rules: JSON.stringify(DEFAULT_APPROVAL_POLICY_RULES), note: "Default policy (PRODUCT.md)" },
      });
      await recordAuditEvent(tx, {
        actor: SYSTEM_ACTOR,
        action: "policy.seeded",
        entityType: "ApprovalPolicy",
        entityId: "1",
        after: DEFAULT_APPROVAL_POLICY_RULES,
        policyVersion: 1,
      });
      return "seeded" as const;
    });
  } catch (error) {
    // Another process seeded version 1 between our count and our write.
    if (isPrismaError(error, "P2002")) return "present";
    throw error;
  }
}
