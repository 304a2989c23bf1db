import { describe, expect, it } from "vitest";
import { MS_PER_DAY } from "../../engine/calendar";
import { db } from "../db";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { createException, createPlanRun, createRecommendation, createUser } from "../../test/factories";
import { approveRecommendation } from "./approve-recommendation";
import { batchApproveRecommendations } from "./batch-approve-recommendations";
import { ZBatchApproveRequest } from "../../contracts/governance";
import { expireRecommendations } from "./expire-recommendations";
import { routeRecommendations } from "./route-recommendations";
import { supersedeRecommendations } from "./supersede-recommendations";

const northSnacksPlanner = () =>
  createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });

describe("routing proposed recommendations after a plan run", () => {
  it("auto-approves small confident whitelisted actions and sends the rest to a person, saying why on the item", async () => {
    const fresh = await createPlanRun();
    const stale = await createPlanRun({ asOf: new Date(Date.now() - 4 * MS_PER_DAY) });
    const small = await createRecommendation({ planRun: fresh, recommendation: { status: "proposed", value: 300 } });
    const markdown = await createRecommendation({ planRun: fresh, recommendation: { status: "proposed", value: 300, actionType: "markdown" } });
    const onStaleData = await createRecommendation({ planRun: stale, recommendation: { status: "proposed", value: 300 } });
    const lowConfidence = await createRecommendation({
      planRun: fresh,
      overrides: { confidence: 0.55 },
      recommendation: { status: "proposed", value: 300, actionType: "cycle_count" },
    });
    const big = await createRecommendation({ planRun: fresh, recommendation: { status: "proposed", value: 30_000 } });

    const summary = await db.$transaction((tx) =>
      routeRecommendations(tx, [small, markdown, onStaleData, lowConfidence, big].map((r) => r.id)),
    );
    expect(summary).toEqual({ autoApproved: 1, pending: 4 });

    const after = async (id: string) => {
      const r = await db.recommendation.findUniqueOrThrow({ where: { id } });
      return { status: r.status, tier: r.tier, reasons: JSON.parse(r.details).approvalRouting.reasons as string[] };
    };
    expect(await after(small.id)).toMatchObject({ status: "auto_approved", tier: "auto" });
    expect(await after(markdown.id)).toMatchObject({ status: "pending", tier: "planner" });
    expect((await after(onStaleData.id)).reasons).toContain("auto-approval disabled: sales data is 5 days old (limit 2)");
    expect((await after(lowConfidence.id)).reasons).toContain("auto-approval disabled: forecast confidence 0.55 is below 0.80");
    expect(await after(big.id)).toMatchObject({ status: "pending", tier: "finance" });

    const autoAudit = await db.auditEvent.findFirstOrThrow({ where: { action: "decision.auto_approved" } });
    expect(autoAudit).toMatchObject({ actorId: null, actorRole: "system", entityId: small.id, planRunId: fresh.id, policyVersion: 1 });
    expect(await db.decision.findFirstOrThrow({ where: { recommendationId: small.id } })).toMatchObject({
      kind: "auto_approve",
      fromStatus: "proposed",
      toStatus: "auto_approved",
      policyVersion: 1,
    });
    expect(await db.auditEvent.count({ where: { action: "decision.routed" } })).toBe(4);
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact" });
  });

  it("treats a person's proposal as theirs: never auto, and they cannot approve it themselves", async () => {
    const proposer = await northSnacksPlanner();
    const rec = await createRecommendation({ recommendation: { status: "proposed", value: 300 } });
    await db.$transaction((tx) => routeRecommendations(tx, [rec.id], proposer));
    const routed = await db.recommendation.findUniqueOrThrow({ where: { id: rec.id } });
    expect(routed).toMatchObject({ status: "pending", tier: "planner" });
    await expect(approveRecommendation(db, proposer, rec.id, { expectedVersion: routed.version })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("segregation of duties"),
    });
    await expect(approveRecommendation(db, await northSnacksPlanner(), rec.id, { expectedVersion: routed.version })).resolves.toMatchObject({
      recommendation: { status: "approved" },
    });
  });
});

describe("superseding and expiring", () => {
  it("supersedes the open recommendations of an exception when a new plan run replaces them, keeping approved ones", async () => {
    const exception = await createException();
    const pending = await createRecommendation({ exception });
    const approved = await createRecommendation({ exception, recommendation: { status: "approved", rank: 2 } });
    const newRun = await createPlanRun();
    const fresh = await createRecommendation({ exception, recommendation: { planRunId: newRun.id, rank: 1 } });
    const count = await db.$transaction((tx) => supersedeRecommendations(tx, [exception.id], newRun.id));
    expect(count).toBe(1);
    const statuses = await db.recommendation.findMany({ where: { exceptionId: exception.id }, orderBy: { rank: "asc" } });
    expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({
      [pending.id]: "superseded",
      [approved.id]: "approved",
      [fresh.id]: "pending",
    });
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "decision.superseded" } })).toMatchObject({ entityId: pending.id });
  });

  it("expires open recommendations whose window has passed", async () => {
    const now = new Date();
    const due = await createRecommendation({ recommendation: { expiresAt: new Date(now.getTime() - 1_000) } });
    const notYet = await createRecommendation({ recommendation: { expiresAt: new Date(now.getTime() + MS_PER_DAY) } });
    const approvedDue = await createRecommendation({ recommendation: { status: "approved", expiresAt: new Date(now.getTime() - 1_000) } });
    expect(await expireRecommendations(db, now)).toBe(1);
    const status = async (id: string) => (await db.recommendation.findUniqueOrThrow({ where: { id } })).status;
    expect([await status(due.id), await status(notYet.id), await status(approvedDue.id)]).toEqual(["expired", "pending", "approved"]);
  });
});

describe("batch approval", () => {
  it("needs an explicit confirmation", () => {
    expect(ZBatchApproveRequest.safeParse({ items: [{ recommendationId: "r", expectedVersion: 1 }] }).success).toBe(false);
    expect(ZBatchApproveRequest.safeParse({ items: [{ recommendationId: "r", expectedVersion: 1 }], confirm: false }).success).toBe(false);
  });

  it("approves each item in its own transaction and reports the ones refused without undoing the others", async () => {
    const approver = await northSnacksPlanner();
    const ok1 = await createRecommendation();
    const ok2 = await createRecommendation();
    const tooBig = await createRecommendation({ recommendation: { tier: "finance", value: 50_000 } });
    const decidedElsewhere = await createRecommendation();
    await approveRecommendation(db, await northSnacksPlanner(), decidedElsewhere.id, { expectedVersion: 1 });

    const summary = await batchApproveRecommendations(db, approver, {
      items: [ok1, tooBig, decidedElsewhere, ok2].map((r) => ({ recommendationId: r.id, expectedVersion: 1 })),
      confirm: true,
    });
    expect(summary).toMatchObject({ approved: 2, refused: 2 });
    expect(summary.results.map((r) => [r.recommendationId, r.outcome === "refused" ? r.code : r.outcome])).toEqual([
      [ok1.id, "approved"],
      [tooBig.id, "FORBIDDEN"],
      [decidedElsewhere.id, "CONFLICT"],
      [ok2.id, "approved"],
    ]);
  });
});
