import { describe, expect, it } from "vitest";
import { db } from "../db";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { createUser } from "../../test/factories";
import { POLICY_HARD_BOUNDS, ZUpdatePolicyRequest } from "../../contracts/governance";
import { DEFAULT_APPROVAL_POLICY_RULES } from "./default-approval-policy";
import { getActivePolicy } from "./get-active-policy";
import { seedDefaultPolicy } from "./seed-default-policy";
import { listPolicyVersions } from "./list-policy-versions";
import { decidePolicyProposal, updatePolicy } from "./update-policy";

describe("approval policy versions", () => {
  it("is seeded as version 1 by the migrate step, once, audited; reading it writes nothing", async () => {
    const auditRows = await db.auditEvent.count();
    const first = await getActivePolicy(db);
    expect(first).toMatchObject({ version: 1, rules: DEFAULT_APPROVAL_POLICY_RULES });
    expect(await seedDefaultPolicy(db)).toBe("present");
    expect((await getActivePolicy(db)).version).toBe(1);
    expect(await db.approvalPolicy.count()).toBe(1);
    expect(await db.auditEvent.findMany({ where: { action: "policy.seeded" } })).toHaveLength(1);
    expect(await db.auditEvent.count()).toBe(auditRows);
  });

  it("refuses to decide without a policy instead of writing one on a read", async () => {
    await db.$executeRaw`DELETE FROM "ApprovalPolicy"`;
    try {
      await expect(getActivePolicy(db)).rejects.toThrow(/npm run db:migrate/);
      expect(await db.approvalPolicy.count()).toBe(0);
    } finally {
      expect(await seedDefaultPolicy(db)).toBe("seeded");
    }
  });

  it("writes a new version on every edit, keeps the old ones, and audits before → after with the note", async () => {
    const admin = await createUser("admin");
    const v1 = await getActivePolicy(db);
    const rules = { ...v1.rules, tierLimits: { planner: 4_000, manager: 20_000 } };
    const result = await updatePolicy(db, admin, { basedOnVersion: v1.version, rules, note: "tighter limits for Q4" });
    expect(result.status).toBe("applied");
    const v2 = result.status === "applied" ? result.policy : null;
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

describe("policy guardrails", () => {
  const rulesOf = async () => (await getActivePolicy(db)).rules;

  it("refuses the 1e12 limits at confidence 0 (and every other value past the hard bounds) at the boundary", async () => {
    const rules = await rulesOf();
    const absurd = {
      ...rules,
      autoApproval: { ...rules.autoApproval, maxValue: 1e12, minConfidence: 0, maxDataAgeDays: 365 },
      tierLimits: { planner: 1e12, manager: 1e12 },
      slaHours: { planner: 1e6, manager: 1e6, finance: 1e6 },
      minDecisionValue: 1e9,
    };
    const result = ZUpdatePolicyRequest.safeParse({ basedOnVersion: 1, rules: absurd, note: "make everything automatic" });
    expect(result.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(
      [
        "rules.autoApproval.maxDataAgeDays",
        "rules.autoApproval.maxValue",
        "rules.autoApproval.minConfidence",
        "rules.minDecisionValue",
        "rules.slaHours.finance",
        "rules.slaHours.manager",
        "rules.slaHours.planner",
        "rules.tierLimits.manager",
        "rules.tierLimits.planner",
      ].sort(),
    );
    const atBounds = {
      ...rules,
      autoApproval: { ...rules.autoApproval, maxValue: POLICY_HARD_BOUNDS.autoApprovalMaxValue, minConfidence: POLICY_HARD_BOUNDS.autoApprovalMinConfidence },
      tierLimits: { planner: POLICY_HARD_BOUNDS.plannerLimit, manager: POLICY_HARD_BOUNDS.managerLimit },
    };
    expect(ZUpdatePolicyRequest.safeParse({ basedOnVersion: 1, rules: atBounds, note: "at the bounds" }).success).toBe(true);
  });

  it("applies a tightening at once but holds a loosening until a second admin approves it, both audited", async () => {
    const [first, second] = [await createUser("admin"), await createUser("admin")];
    const start = await getActivePolicy(db);
    const looser = { ...start.rules, autoApproval: { ...start.rules.autoApproval, maxValue: 2_000, minConfidence: 0.7 } };
    const proposed = await updatePolicy(db, first, { basedOnVersion: start.version, rules: looser, note: "more automation" });
    expect(proposed.status).toBe("proposed");
    if (proposed.status !== "proposed") return;
    expect(proposed.proposal.loosenings).toEqual(["auto-approval limit raised from 500 to 2000", "auto-approval confidence lowered from 0.8 to 0.7"]);
    expect((await getActivePolicy(db)).version).toBe(start.version);

    // The proposer cannot be their own second pair of eyes.
    await expect(decidePolicyProposal(db, first, proposed.proposal.id, "approve")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const applied = await decidePolicyProposal(db, second, proposed.proposal.id, "approve");
    expect(applied).toMatchObject({ status: "applied", policy: { version: start.version + 1, rules: looser } });
    await expect(decidePolicyProposal(db, second, proposed.proposal.id, "approve")).rejects.toMatchObject({ code: "CONFLICT" });

    const tighter = { ...looser, tierLimits: { planner: 3_000, manager: 20_000 } };
    const immediate = await updatePolicy(db, first, { basedOnVersion: start.version + 1, rules: tighter, note: "lower limits" });
    expect(immediate).toMatchObject({ status: "applied", policy: { version: start.version + 2 } });
    const actions = (await db.auditEvent.findMany({ where: { action: { startsWith: "policy." } }, orderBy: { seq: "asc" } })).map((a) => a.action);
    expect(actions.slice(-4)).toEqual(["policy.change_proposed", "policy.updated", "policy.change_approved", "policy.updated"]);
  });

  it("holds a higher value bar (fewer items put to a person) for a second admin, and applies a lower one at once", async () => {
    const [first] = [await createUser("admin")];
    const start = await getActivePolicy(db);
    const bar = start.rules.minDecisionValue;
    const higher = await updatePolicy(db, first, { basedOnVersion: start.version, rules: { ...start.rules, minDecisionValue: bar + 25 }, note: "ask less" });
    expect(higher.status).toBe("proposed");
    if (higher.status === "proposed") expect(higher.proposal.loosenings).toEqual([`value bar (least net benefit worth a decision) raised from ${bar} to ${bar + 25}`]);
    const lower = await updatePolicy(db, first, { basedOnVersion: start.version, rules: { ...start.rules, minDecisionValue: bar - 25 }, note: "ask more" });
    expect(lower).toMatchObject({ status: "applied", policy: { rules: { minDecisionValue: bar - 25 } } });
  });

  it("counts any loosening in a mixed change, and a proposal made stale by a later version cannot be applied", async () => {
    const [first, second] = [await createUser("admin"), await createUser("admin")];
    const start = await getActivePolicy(db);
    const mixed = { ...start.rules, tierLimits: { planner: start.rules.tierLimits.planner - 1, manager: start.rules.tierLimits.manager }, slaHours: { ...start.rules.slaHours, finance: start.rules.slaHours.finance + 24 } };
    const proposed = await updatePolicy(db, first, { basedOnVersion: start.version, rules: mixed, note: "mixed" });
    expect(proposed.status).toBe("proposed");
    const tighter = { ...start.rules, autoApproval: { ...start.rules.autoApproval, maxValue: start.rules.autoApproval.maxValue - 1 } };
    await updatePolicy(db, second, { basedOnVersion: start.version, rules: tighter, note: "tighten" });
    if (proposed.status === "proposed") {
      await expect(decidePolicyProposal(db, second, proposed.proposal.id, "approve")).rejects.toMatchObject({ code: "CONFLICT" });
    }
  });
});
