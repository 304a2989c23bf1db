import { beforeAll, describe, expect, it } from "vitest";
import type { Exception } from "@prisma/client";
import { db } from "../db";
import { createException, createLocation, createPlanRun, createProduct, createRecommendation, createUser, type TestUser } from "../../test/factories";
import { ZExceptionListQuery, type TExceptionListPage } from "../../contracts/exceptions";
import { DEFAULT_APPROVAL_POLICY_RULES } from "../governance/default-approval-policy";
import { listExceptions, type ExceptionListActor } from "./list-exceptions";

const CAP = 4;
let planner: TestUser;
const open: Exception[] = [];

const list = (actor: ExceptionListActor, query: Record<string, string> = {}): Promise<TExceptionListPage> =>
  listExceptions(db, actor, ZExceptionListQuery.parse({ limit: "50", ...query }));

beforeAll(async () => {
  // A stricter policy version than the seeded default: CAP items per planner per day.
  const latest = await db.approvalPolicy.findFirst({ orderBy: { version: "desc" } });
  await db.approvalPolicy.create({
    data: { version: (latest?.version ?? 0) + 1, rules: JSON.stringify({ ...DEFAULT_APPROVAL_POLICY_RULES, dailyItemsPerPlanner: CAP }), note: "test cap" },
  });
  const run = await createPlanRun();
  const north = await createLocation({ region: "NORTH" });
  const south = await createLocation({ region: "SOUTH" });
  const snacks = await createProduct({ category: "SNACKS" });
  for (let i = 0; i < 10; i += 1) {
    const inScope = i < 7;
    const row = await createException({
      planRun: run,
      location: inScope ? north : south,
      product: snacks,
      overrides: { identityKey: `stockout|cap|${i}`, score: 100 - i * 5, status: i === 6 ? "snoozed" : "open" },
    });
    if (inScope && i !== 6) open.push(row);
  }
  planner = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
});

describe("a planner's daily volume cap", () => {
  it("offers the top items by score up to the policy's cap and says how many wait; the waiting list holds the rest", async () => {
    const today = await list(planner);
    expect(today.items.map((item) => item.id)).toEqual(open.slice(0, CAP).map((row) => row.id));
    expect(today.dailyCap).toMatchObject({ cap: CAP, decidedToday: 0, open: open.length, offered: CAP, waiting: open.length - CAP, showing: "today" });
    const waiting = await list(planner, { offer: "waiting" });
    expect(waiting.items.map((item) => item.id)).toEqual(open.slice(CAP).map((row) => row.id));
    expect(waiting.dailyCap?.showing).toBe("waiting");
  });

  it("filters and sorts work inside today's offer", async () => {
    const byMoney = await list(planner, { sort: "moneyAtRisk", order: "asc" });
    expect(new Set(byMoney.items.map((item) => item.id))).toEqual(new Set(open.slice(0, CAP).map((row) => row.id)));
  });

  it("an item decided today uses up one of the day's places", async () => {
    const decided = open[0]!;
    const recommendation = await createRecommendation({ exception: decided });
    await db.decision.create({ data: { recommendationId: recommendation.id, actorId: planner.id, actorRole: "planner", kind: "approve", fromStatus: "pending", toStatus: "approved" } });
    await db.exception.update({ where: { id: decided.id }, data: { status: "resolved" } });
    const today = await list(planner);
    expect(today.dailyCap).toMatchObject({ decidedToday: 1, open: open.length - 1, offered: CAP - 1 });
    expect(today.items.map((item) => item.id)).toEqual(open.slice(1, CAP).map((row) => row.id));
  });

  it("never caps other roles, nor lists of closed or snoozed items", async () => {
    const admin: ExceptionListActor = { id: "admin", role: "admin", scopes: [] };
    const all = await list(admin);
    expect(all.dailyCap).toBeNull();
    expect(all.items.length).toBeGreaterThan(CAP);
    const snoozed = await list(planner, { status: "snoozed" });
    expect(snoozed.dailyCap).toBeNull();
    expect(snoozed.items).toHaveLength(1);
  });
});

describe("the value bar", () => {
  let eastPlanner: TestUser;
  const above: Exception[] = [];
  const below: Exception[] = [];

  beforeAll(async () => {
    const run = await createPlanRun();
    const east = await createLocation({ region: "EAST" });
    const drinks = await createProduct({ category: "DRINKS" });
    // Below the bar, with the highest scores: a queue by score alone would offer these first.
    for (const [i, score] of [95, 90].entries()) {
      below.push(await createException({ planRun: run, location: east, product: drinks, overrides: { identityKey: `excess|bar|below|${i}`, score, belowValueBar: true } }));
    }
    // Needing a person; the last one was written before the bar existed (null) and reads as above it.
    for (const [i, score] of [60, 50, 40, 30, 20].entries()) {
      above.push(await createException({ planRun: run, location: east, product: drinks, overrides: { identityKey: `excess|bar|above|${i}`, score, belowValueBar: i === 4 ? null : false } }));
    }
    // Settled by the system today, and one settled by a person: only the first is "auto-handled".
    await createException({ planRun: run, location: east, product: drinks, overrides: { identityKey: "excess|bar|auto", status: "resolved", closedReason: "auto_approved", closedAt: new Date() } });
    await createException({ planRun: run, location: east, product: drinks, overrides: { identityKey: "excess|bar|person", status: "resolved", closedReason: "action_approved", closedAt: new Date() } });
    eastPlanner = await createUser("planner", { scopes: [{ kind: "REGION", value: "EAST" }, { kind: "CATEGORY", value: "DRINKS" }] });
  });

  it("never offers an item below the bar, however high its score, and says how many are below it and how many the system handled today", async () => {
    const today = await list(eastPlanner);
    expect(today.items.map((item) => item.id)).toEqual(above.slice(0, CAP).map((row) => row.id));
    expect(today.dailyCap).toMatchObject({
      open: above.length + below.length,
      offered: CAP,
      waiting: above.length - CAP,
      belowValueBar: below.length,
      autoHandledToday: 1,
      minDecisionValue: DEFAULT_APPROVAL_POLICY_RULES.minDecisionValue,
      showing: "today",
    });
  });

  it("lists the items below the bar on their own, and keeps them out of the waiting list", async () => {
    const belowBar = await list(eastPlanner, { offer: "below-bar" });
    expect(belowBar.items.map((item) => item.id)).toEqual(below.map((row) => row.id));
    expect(belowBar.dailyCap?.showing).toBe("below-bar");
    const waiting = await list(eastPlanner, { offer: "waiting" });
    expect(waiting.items.map((item) => item.id)).toEqual(above.slice(CAP).map((row) => row.id));
  });

  it("does not hide them from roles without a daily offer", async () => {
    const admin: ExceptionListActor = { id: "admin", role: "admin", scopes: [] };
    const ids = new Set((await list(admin, { limit: "200" })).items.map((item) => item.id));
    for (const row of below) expect(ids.has(row.id)).toBe(true);
  });
});
