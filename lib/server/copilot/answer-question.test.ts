/**
 * The copilot answering against a real (per-file SQLite) database, as each role: numbers equal what
 * the data says, every figure links to its evidence, and nothing outside the asker's scope leaks.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Location, PlanRun, Product, Supplier } from "@prisma/client";
import type { TAskResponse } from "@/lib/copilot/copilot.types";
import { db } from "../db";
import { createException, createLocation, createPlanRun, createProduct, createRecommendation, createSupplier, createUser, type TestUser } from "../../test/factories";
import { answerQuestion } from "./answer-question";

const NOW = new Date("2026-11-30T12:00:00Z");
let run: PlanRun;
let north1: Location;
let north2: Location;
let south1: Location;
let snackA: Product;
let snackSouth: Product;
let dairyA: Product;
let lateSupplier: Supplier;
const users = {} as Record<"planner" | "store_manager" | "buyer" | "finance" | "executive", TestUser>;

const text = (answer: TAskResponse) => answer.sentence.map((s) => s.text).join("");
const ask = (user: TestUser, question: string, exceptionId?: string) => answerQuestion(db, user, { question, exceptionId }, NOW);
const linked = (answer: TAskResponse, figure: string) => answer.sentence.find((s) => s.text.includes(figure))?.href;

beforeAll(async () => {
  run = await createPlanRun({ asOf: new Date("2026-11-30T00:00:00Z"), finishedAt: new Date("2026-11-30T06:00:00Z") });
  north1 = await createLocation({ code: "N01", name: "Northgate Mall", region: "NORTH" });
  north2 = await createLocation({ code: "N02", name: "Harbour Square", region: "NORTH" });
  south1 = await createLocation({ code: "S05", name: "Southbank Plaza", region: "SOUTH" });
  lateSupplier = await createSupplier({ code: "SUPLATE", name: "Tardy Foods", promisedLeadTimeDays: 5 });
  snackA = await createProduct({ sku: "CHIP01", name: "Crunchy chips salted", category: "SNACKS", supplierId: lateSupplier.id });
  snackSouth = await createProduct({ sku: "CHIP02", name: "Crunchy chips paprika", category: "SNACKS" });
  dairyA = await createProduct({ sku: "MILK01", name: "Fresh milk whole", category: "DAIRY" });

  const exception = (location: Location, product: Product, type: string, moneyAtRisk: number, daysToImpact: number) =>
    createException({ planRun: run, location, product, overrides: { type, moneyAtRisk, score: moneyAtRisk, daysToImpact, identityKey: `${type}|${location.id}|${product.id}`, raisedAt: new Date("2026-11-30T06:00:00Z") } });
  await exception(north1, snackA, "stockout", 5_000, 3);
  await exception(north2, snackA, "excess", 1_200, 20);
  await exception(north1, dairyA, "stockout", 9_000, 2);
  await exception(south1, snackSouth, "stockout", 7_000, 4);
  const delay = await exception(north1, snackSouth, "supplier_delay", 800, 6);
  await db.exception.update({ where: { id: delay.id }, data: { supplierId: lateSupplier.id } });

  await db.purchaseOrder.create({
    data: {
      poNumber: "PO-LATE-1",
      supplierId: lateSupplier.id,
      destinationLocationId: north1.id,
      orderedAt: new Date("2026-11-10T00:00:00Z"),
      promisedAt: new Date("2026-11-24T00:00:00Z"),
      status: "OPEN",
      lines: { create: [{ lineNo: 1, productId: snackA.id, qtyOrdered: 120 }] },
    },
  });

  users.planner = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
  users.store_manager = await createUser("store_manager", { scopes: [{ kind: "STORE", value: "N02" }] });
  users.buyer = await createUser("buyer", { scopes: [{ kind: "CATEGORY", value: "SNACKS" }] });
  users.finance = await createUser("finance");
  users.executive = await createUser("executive");
});

describe("money at risk", () => {
  it("sums only the planner's region and categories, linked to the queue", async () => {
    const answer = await ask(users.planner, "how much money is at risk?");
    expect(answer.status).toBe("answered");
    // North snacks: 5,000 + 1,200 + 800 (the dairy and the south rows are outside the scope).
    expect(text(answer)).toContain("$7,000 at risk across 3 open exceptions");
    expect(linked(answer, "$7,000")).toBe("/queue?sort=moneyAtRisk&order=desc");
  });

  it("sees the whole network as finance", async () => {
    const answer = await ask(users.finance, "money at risk");
    expect(text(answer)).toContain("$23,000 at risk across 5 open exceptions");
  });

  it("narrows to a named region and category, with the filters in the link", async () => {
    const answer = await ask(users.finance, "money at risk in north snacks");
    expect(text(answer)).toContain("$7,000");
    expect(answer.primaryHref).toBe("/queue?region=NORTH&category=SNACKS&sort=moneyAtRisk&order=desc");
  });

  it("sees all locations but only SNACKS as a buyer", async () => {
    const answer = await ask(users.buyer, "money at risk");
    expect(text(answer)).toContain("$14,000 at risk across 4 open exceptions");
  });
});

describe("scope refusals", () => {
  it("tells a store manager a store is not theirs, and suggests in-scope questions", async () => {
    const answer = await ask(users.store_manager, "stockouts at N01");
    expect(answer.status).toBe("out_of_scope");
    expect(text(answer)).toBe("N01 (Northgate Mall) is not one of your stores.");
    expect(answer.items).toEqual([]);
    expect(answer.suggestions.length).toBeGreaterThan(0);
    expect(answer.suggestions.join(" ")).not.toContain("N01");
  });

  it("refuses a planner a region and a category outside their scope", async () => {
    expect(text(await ask(users.planner, "money at risk in the south"))).toBe("Region SOUTH is not in your scope.");
    expect(text(await ask(users.planner, "forecast for fresh milk whole at N01"))).toContain("MILK01 (Fresh milk whole) is in DAIRY, which is not one of your categories.");
  });

  it("does not leak an out-of-scope exception through the page context", async () => {
    const dairy = await db.exception.findFirstOrThrow({ where: { productId: dairyA.id } });
    const answer = await ask(users.planner, "why is this store short?", dairy.id);
    expect(answer.status).toBe("empty");
    expect(text(answer)).not.toContain("MILK01");
  });
});

describe("priorities and explanations", () => {
  it("starts the planner with their highest-scoring exception", async () => {
    const answer = await ask(users.planner, "what should I do first today?");
    expect(answer.intent).toBe("top_priorities");
    expect(text(answer)).toContain("3 open exceptions in your scope. Start with the stockout of CHIP01 Crunchy chips salted at Northgate Mall: $5,000 at risk, impact in 3 days.");
    expect(answer.items).toHaveLength(3);
    const top = await db.exception.findFirstOrThrow({ where: { productId: snackA.id, locationId: north1.id } });
    expect(answer.items[0]!.href).toBe(`/exceptions/${top.id}`);
  });

  it("explains the exception on the page it was asked on", async () => {
    const top = await db.exception.findFirstOrThrow({ where: { productId: snackA.id, locationId: north1.id } });
    const answer = await ask(users.planner, "why is this store short?", top.id);
    expect(answer.status).toBe("answered");
    expect(text(answer)).toContain("Projected stockout of CHIP01 at N01 in 4 days");
    expect(answer.primaryHref).toBe(`/exceptions/${top.id}`);
  });

  it("says a place has no stock-out but links its other open exceptions, rather than 'nothing is at risk'", async () => {
    const answer = await ask(users.planner, "why is Harbour Square short?");
    expect(answer.intent).toBe("explain_exception");
    expect(answer.status).toBe("empty");
    expect(text(answer)).toBe("No open stockout there in your scope, but 1 open exception of another kind is there.");
    expect(linked(answer, "1 open exception")).toBe("/queue?location=N02");
  });

  it("lists stock-outs whose impact falls in the period", async () => {
    const answer = await ask(users.finance, "stockouts this week");
    // asOf Monday 2026-11-30: impacts in 2, 3 and 4 days fall in the week, all stockouts.
    expect(text(answer)).toMatch(/^3 open exceptions with impact this week/);
    expect(answer.primaryHref).toBe("/queue?type=stockout&sort=daysToImpact&order=asc");
  });
});

describe("suppliers, approvals and decisions", () => {
  it("finds the late supplier from its PO past promise and its delay exception", async () => {
    const answer = await ask(users.planner, "which suppliers are late?");
    expect(answer.status).toBe("answered");
    expect(answer.items[0]).toMatchObject({ label: "Tardy Foods (SUPLATE)" });
    expect(answer.items[0]!.detail).toContain("1 PO past promise, 6.0 d late on average (oldest PO-LATE-1)");
    expect(answer.items[0]!.detail).toContain("1 delay exception, $800 at risk");
  });

  it("hides a PO to a store outside the store manager's scope", async () => {
    const answer = await ask(users.store_manager, "where is PO-LATE-1");
    expect(text(answer)).toBe("I can't find purchase order PO-LATE-1 among the POs in your scope.");
  });

  it("tells an executive nothing waits for them", async () => {
    expect(text(await ask(users.executive, "what is waiting for my approval?"))).toBe("Nothing waits for you: an executive approves no actions.");
  });

  it("counts what finance approved today", async () => {
    const recommendation = await createRecommendation({ location: north1, product: await createProduct({ category: "SNACKS" }), recommendation: { tier: "finance", value: 40_000, status: "approved" } });
    await db.decision.create({ data: { recommendationId: recommendation.id, actorId: users.finance.id, actorRole: "finance", kind: "approve", fromStatus: "pending", toStatus: "approved", createdAt: new Date("2026-11-30T09:30:00Z") } });
    const answer = await ask(users.executive, "what did finance approve today?");
    expect(text(answer)).toBe("Finance approved 1 action today (2026-11-30), worth $40,000 in action value.");
    const planner = await ask(users.store_manager, "what did finance approve today?");
    expect(planner.status).toBe("empty");
  });
});

describe("questions it cannot answer", () => {
  it("offers the closest answerable questions instead of an error", async () => {
    const answer = await ask(users.planner, "tell me a joke");
    expect(answer.status).toBe("not_understood");
    expect(answer.suggestions).toHaveLength(3);
    for (const suggestion of answer.suggestions) expect((await ask(users.planner, suggestion)).status).not.toBe("not_understood");
  });
});

describe("service level", () => {
  beforeAll(async () => {
    const day = new Date("2026-11-20T00:00:00Z");
    const fact = (location: Location, category: string, f: { stockoutDemand: number; unitsSold: number; lostUnits: number }) => ({
      planRunId: run.id, day, locationId: location.id, category, seriesDays: 10, stockoutDays: f.stockoutDemand > 0 ? 2 : 0, revenue: f.unitsSold * 3, cogs: f.unitsSold, lostSales: f.lostUnits * 3, ...f,
    });
    await db.kpiDaily.createMany({
      data: [
        fact(north1, "SNACKS", { stockoutDemand: 30, unitsSold: 80, lostUnits: 20 }),
        fact(north2, "DAIRY", { stockoutDemand: 0, unitsSold: 100, lostUnits: 0 }),
        fact(north2, "SNACKS", { stockoutDemand: 4, unitsSold: 10, lostUnits: 2 }),
        fact(south1, "SNACKS", { stockoutDemand: 50, unitsSold: 50, lostUnits: 50 }),
      ],
    });
    await db.kpiInventory.create({
      data: { planRunId: run.id, asOf: run.asOf, locationId: north1.id, category: "SNACKS", onHandUnits: 10, onHandCost: 10, dailyDemand: 1, excessValue: 0, markdownExposure: 0, cogs28: 28 },
    });
  });

  it("answers the dashboard's demand-weighted in-stock, fill rate and lost sales for the named region", async () => {
    const answer = await ask(users.executive, "what is the in-stock rate in the north?");
    expect(answer.intent).toBe("service_level");
    // North: demand 100 + 100 + 12 = 212, of it on stock-out days 30 + 0 + 4 = 34 → 178 / 212; sold 190 → fill 190 / 212.
    expect(text(answer)).toContain("In-stock for Region NORTH over the last 28 days: 84.0% of demand fell on days the item was in stock");
    expect(text(answer)).toContain("fill rate 89.6%");
    expect(text(answer)).toContain("estimated lost sales $66");
    expect(linked(answer, "84.0%")).toBe("/dashboard?region=NORTH");
  });

  it("keeps to the asker's scope, and says when a figure rests on few units", async () => {
    // The planner sees North snacks only: 112 units demanded, 34 on stock-out days.
    expect(text(await ask(users.planner, "fill rate"))).toContain("In-stock for your scope over the last 28 days: 69.6%");
    const small = await ask(users.store_manager, "in-stock rate for snacks");
    // N02 snacks: 8 of 12 units demanded fell on in-stock days.
    expect(text(small)).toContain("66.7% of demand fell on days the item was in stock (from 12 demand units, too few to read much into)");
  });
});
