import { beforeAll, describe, expect, it } from "vitest";
import type { Exception, Location, Product } from "@prisma/client";
import { db } from "../db";
import { createException, createLocation, createPlanRun, createProduct, createUser } from "../../test/factories";
import { EXCEPTION_SORT_KEYS, ZExceptionListQuery, type TExceptionListItem } from "../../contracts/exceptions";
import { listExceptions, type ExceptionListActor } from "./list-exceptions";

const admin: ExceptionListActor = { id: "admin", role: "admin", scopes: [] };
let rows: Exception[] = [];
let north: Location;
let south: Location;
let snacks: Product;
let dairy: Product;

async function listAll(actor: ExceptionListActor, query: Record<string, string>): Promise<TExceptionListItem[]> {
  const items: TExceptionListItem[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const result = await listExceptions(db, actor, ZExceptionListQuery.parse({ ...query, ...(cursor ? { cursor } : {}) }));
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) return items;
  }
  throw new Error("pagination did not end");
}

beforeAll(async () => {
  const run = await createPlanRun();
  north = await createLocation({ region: "NORTH" });
  south = await createLocation({ region: "SOUTH" });
  snacks = await createProduct({ category: "SNACKS" });
  dairy = await createProduct({ category: "DAIRY" });
  const places = [
    [north, snacks],
    [north, dairy],
    [south, snacks],
    [south, dairy],
  ] as const;
  // Few distinct values per sort key, so ties are everywhere and the id tiebreak is exercised.
  for (let i = 0; i < 90; i += 1) {
    const [location, product] = places[i % 4]!;
    rows.push(
      await createException({
        planRun: run,
        location,
        product,
        overrides: {
          identityKey: `stockout|${location.id}|${product.id}|t${i}`,
          type: i % 3 === 0 ? "excess" : "stockout",
          status: i % 10 === 9 ? "closed" : "open",
          score: (i * 7) % 5,
          moneyAtRisk: (i * 11) % 6,
          daysToImpact: i % 4 === 0 ? null : i % 3,
          confidence: ((i * 13) % 4) / 4,
          raisedAt: new Date(Date.UTC(2026, 0, 1 + (i % 3))),
        },
      }),
    );
  }
  rows = await db.exception.findMany();
});

describe("listExceptions pagination", () => {
  for (const sort of EXCEPTION_SORT_KEYS) {
    for (const order of ["asc", "desc"] as const) {
      it(`pages through every open exception once, in order, sorted by ${sort} ${order}`, async () => {
        const items = await listAll(admin, { sort, order, limit: "7" });
        const ids = items.map((item) => item.id);
        expect(new Set(ids).size).toBe(ids.length);
        const open = rows.filter((row) => row.status === "open");
        expect([...ids].sort()).toEqual(open.map((row) => row.id).sort());
        const key = (row: Exception) => (sort === "raisedAt" ? row.raisedAt.getTime() : row[sort]);
        const sign = order === "asc" ? 1 : -1;
        const expected = [...open].sort((a, b) => {
          const [va, vb] = [key(a), key(b)];
          if (va === null || vb === null) {
            if (va !== vb) return va === null ? 1 : -1; // nulls last in both directions
          } else if (va !== vb) return sign * (va - vb);
          return sign * (a.id < b.id ? -1 : 1);
        });
        expect(ids).toEqual(expected.map((row) => row.id));
      });
    }
  }

  it("keeps filters across pages and refuses a cursor made for another sort", async () => {
    const items = await listAll(admin, { type: "excess", region: "NORTH", limit: "4" });
    const expected = rows.filter((row) => row.status === "open" && row.type === "excess" && row.region === "NORTH");
    expect(items.map((item) => item.id).sort()).toEqual(expected.map((row) => row.id).sort());
    expect(items.every((item) => item.location.region === "NORTH" && item.type === "excess")).toBe(true);
    const first = await listExceptions(db, admin, ZExceptionListQuery.parse({ limit: "3" }));
    await expect(
      listExceptions(db, admin, ZExceptionListQuery.parse({ sort: "moneyAtRisk", cursor: first.nextCursor! })),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(listExceptions(db, admin, ZExceptionListQuery.parse({ cursor: "garbage" }))).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("counts every matching row on the first page, not only the loaded ones", async () => {
    const first = await listExceptions(db, admin, ZExceptionListQuery.parse({ type: "stockout", limit: "5" }));
    expect(first.items).toHaveLength(5);
    expect(first.total).toBe(rows.filter((row) => row.status === "open" && row.type === "stockout").length);
    const second = await listExceptions(db, admin, ZExceptionListQuery.parse({ type: "stockout", limit: "5", cursor: first.nextCursor! }));
    expect(second.total).toBeNull();
  });

  it("narrows to supplier and PO work: exceptions with an order, expedite, cut or confirm action waiting", async () => {
    const [withOrder, withTransfer, decidedOrder] = rows.filter((row) => row.status === "open");
    const recommendation = (exceptionId: string, actionType: string, status: string) =>
      db.recommendation.create({
        data: { exceptionId, planRunId: rows[0]!.lastRunId, rank: 1, actionType, quantity: 10, proposedQuantity: 10, cost: 0, benefit: 10, value: 100, details: "{}", status, tier: "manager" },
      });
    await recommendation(withOrder!.id, "raise_order", "pending");
    await recommendation(withTransfer!.id, "transfer", "pending");
    await recommendation(decidedOrder!.id, "expedite_po", "approved");
    const items = await listAll(admin, { work: "supplier" });
    expect(items.map((item) => item.id)).toEqual([withOrder!.id]);
    await db.recommendation.deleteMany({});
  });

  it("narrows to the approval tiers asked for", async () => {
    const [manager, finance, planner] = rows.filter((row) => row.status === "open");
    for (const [row, tierRequired] of [[manager!, "manager"], [finance!, "finance"], [planner!, "planner"]] as const) {
      await db.exception.update({ where: { id: row.id }, data: { tierRequired } });
    }
    try {
      const items = await listAll(admin, { tier: "manager,finance" });
      expect(items.map((item) => item.id).sort()).toEqual([manager!.id, finance!.id].sort());
      expect(items.map((item) => item.tierRequired).sort()).toEqual(["finance", "manager"]);
      expect(() => ZExceptionListQuery.parse({ tier: "boss" })).toThrow();
      // The filter narrows the viewer's scope, never widens it: a store manager sees only their store's.
      const storeManager: ExceptionListActor = { id: "sm", role: "store_manager", scopes: [{ kind: "STORE", value: south.code }] };
      const southern = [manager!, finance!].filter((row) => row.locationId === south.id).map((row) => row.id);
      expect((await listAll(storeManager, { tier: "manager,finance" })).map((item) => item.id).sort()).toEqual(southern.sort());
    } finally {
      await db.exception.updateMany({ where: { id: { in: [manager!.id, finance!.id, planner!.id] } }, data: { tierRequired: null } });
    }
  });

  it("lists closed exceptions only when asked for by status", async () => {
    const closed = await listAll(admin, { status: "closed" });
    expect(closed.map((item) => item.id).sort()).toEqual(rows.filter((row) => row.status === "closed").map((row) => row.id).sort());
  });
});

describe("listExceptions scope", () => {
  const openAt = (location: Location, products: Product[]) =>
    rows.filter((row) => row.status === "open" && row.locationId === location.id && products.some((p) => p.id === row.productId));

  it("shows a planner only their regions and categories", async () => {
    const planner = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
    const items = await listAll(planner, {});
    expect(items.map((item) => item.id).sort()).toEqual(openAt(north, [snacks]).map((row) => row.id).sort());
  });

  it("shows a store manager only their stores, every category", async () => {
    const manager = await createUser("store_manager", { scopes: [{ kind: "STORE", value: south.code }] });
    const items = await listAll(manager, {});
    expect(items.map((item) => item.id).sort()).toEqual(openAt(south, [snacks, dairy]).map((row) => row.id).sort());
  });

  it("fails closed for a scoped role without scope rows, and shows global readers everything", async () => {
    const unscoped = await createUser("planner");
    expect(await listAll(unscoped, {})).toEqual([]);
    const storeOnly = await createUser("store_manager", { scopes: [{ kind: "STORE", value: "NO-SUCH-STORE" }] });
    expect(await listAll(storeOnly, {})).toEqual([]);
    const executive = await createUser("executive");
    expect((await listAll(executive, {})).length).toBe(rows.filter((row) => row.status === "open").length);
  });

  it("filters a buyer by category only, and by the assignee 'me'", async () => {
    const buyer = await createUser("buyer", { scopes: [{ kind: "CATEGORY", value: "DAIRY" }] });
    const items = await listAll(buyer, {});
    expect(items.every((item) => item.product.category === "DAIRY")).toBe(true);
    expect(items.length).toBe(rows.filter((row) => row.status === "open" && row.category === "DAIRY").length);
    const target = rows.find((row) => row.status === "open" && row.category === "DAIRY")!;
    await db.exception.update({ where: { id: target.id }, data: { assigneeId: buyer.id } });
    const mine = await listAll(buyer, { assignee: "me" });
    expect(mine.map((item) => item.id)).toEqual([target.id]);
    expect(mine[0]!.assignee).toEqual({ id: buyer.id, name: buyer.name });
  });
});
