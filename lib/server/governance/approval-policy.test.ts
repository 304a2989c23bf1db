import { describe, expect, it } from "vitest";
import { db } from "../db";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { createUser } from "../../test/factories";
import { ZUpdatePolicyRequest } from "./approval-policy.types";
import { DEFAULT_APPROVAL_POLICY_RULES } from "./default-approval-policy";
import { getActivePolicy } from "./get-active-policy";
import { listPolicyVersions } from "./list-policy-versions";
import { updatePolicy } from "./update-policy";

describe("approval policy versions", () => {
  it("seeds the default policy as version 1 once, audited", async () => {
    const first = await getActivePolicy(db);
    const again = await getActivePolicy(db);
    expect(first).toMatchObject({ version: 1, rules: DEFAULT_APPROVAL_POLICY_RULES });
    expect(again.version).toBe(1);
    expect(await db.approvalPolicy.count()).toBe(1);
    expect(await db.auditEvent.findMany({ where: { action: "policy.seeded" } })).toHaveLength(1);
  });

  it("writes a new version on every edit, keeps the old ones, and audits before → after with the note", async () => {
    const admin = await createUser("admin");
    const v1 = await getActivePolicy(db);
    const rules = { ...v1.rules, tierLimits: { planner: 4_000, manager: 20_000 } };
    const v2 = await updatePolicy(db, admin, { basedOnVersion: v1.version, rules, note: "tighter limits for Q4" });
    expect(v2).toMatchObject({ version: 2, createdById: admin.id, note: "tighter limits for Q4", rules });
    expect((await getActivePolicy(db)).version).toBe(2);
    expect(await db.approvalPolicy.findMany({ orderBy: { version: "asc" }, select: { version: true } })).toEqual([
      { version: 1 },
      { version: 2 },
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "policy.updated" } });
    expect(audit).toMatchObject({ actorId: admin.id, actorRole: "admin", entityId: "2", policyVersion: 2, reason: "tighter limits for Q4" });
    expect(JSON.parse(audit.before!).rules.tierLimits).toEqual({ planner: 5_000, manager: 25_000 });
    expect(JSON.parse(audit.after!).rules.tierLimits).toEqual({ planner: 4_000, manager: 20_000 });
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact" });
    expect(await listPolicyVersions(db)).toEqual([
      expect.objectContaining({ version: 2, createdBy: admin.name, note: "tighter limits for Q4" }),
      expect.objectContaining({ version: 1, createdBy: null, note: "Default policy (PRODUCT.md)" }),
    ]);
  });

  it("refuses an edit based on an outdated version (someone saved in between)", async () => {
    const admin = await createUser("admin");
    const current = await getActivePolicy(db);
    await expect(
      updatePolicy(db, admin, { basedOnVersion: current.version - 1, rules: current.rules, note: "late edit" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("is refused to every role but admin", async () => {
    const current = await getActivePolicy(db);
    for (const role of ["planner", "buyer", "store_manager", "finance", "executive"] as const) {
      const user = await createUser(role);
      await expect(updatePolicy(db, user, { basedOnVersion: current.version, rules: current.rules, note: "x" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
  });

  it("requires a note and valid rules at the boundary", () => {
    const result = ZUpdatePolicyRequest.safeParse({
      basedOnVersion: 1,
      rules: { ...DEFAULT_APPROVAL_POLICY_RULES, autoApproval: { ...DEFAULT_APPROVAL_POLICY_RULES.autoApproval, minConfidence: 2 } },
      note: " ",
    });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["rules.autoApproval.minConfidence", "note"]);
  });
});
