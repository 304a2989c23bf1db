import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { locationScopeWhere, productScopeWhere } from "./scope";
import { relevantScopeKinds, type Scope } from "../../contracts/permissions";

async function seedNetwork() {
  await db.location.createMany({
    data: [
      { code: "S-N1", name: "North 1", type: "STORE", region: "NORTH", cluster: "urban" },
      { code: "S-N2", name: "North 2", type: "STORE", region: "NORTH", cluster: "suburban" },
      { code: "S-S1", name: "South 1", type: "STORE", region: "SOUTH", cluster: "urban" },
      { code: "DC-1", name: "DC", type: "DC", region: "CENTRAL", cluster: "dc" },
    ],
  });
  const supplier = await db.supplier.create({ data: { code: "SUP", name: "Sup", promisedLeadTimeDays: 7 } });
  await db.product.createMany({
    data: ["SNACKS", "SNACKS", "DAIRY", "HOME"].map((category, i) => ({
      sku: `SKU-${i}`,
      name: `P${i}`,
      department: "D",
      category,
      subcategory: "x",
      unitCost: 1,
      unitPrice: 2,
      casePack: 6,
      supplierId: supplier.id,
    })),
  });
}

async function visibleLocations(role: string, scopes: Scope[]) {
  const rows = await db.location.findMany({ where: locationScopeWhere({ role, scopes }), orderBy: { code: "asc" } });
  return rows.map((r) => r.code);
}

async function visibleCategories(role: string, scopes: Scope[]) {
  const rows = await db.product.findMany({ where: productScopeWhere({ role, scopes }), orderBy: { sku: "asc" } });
  return [...new Set(rows.map((r) => r.category))].sort();
}

describe("scope where fragments against a real database", () => {
  beforeAll(seedNetwork);

  it("global roles see every location and product", async () => {
    for (const role of ["finance", "executive", "admin"]) {
      expect(await visibleLocations(role, [])).toEqual(["DC-1", "S-N1", "S-N2", "S-S1"]);
      expect(await visibleCategories(role, [])).toEqual(["DAIRY", "HOME", "SNACKS"]);
    }
  });

  it("a planner sees the union of region and store scopes, and only scoped categories", async () => {
    const scopes: Scope[] = [
      { kind: "REGION", value: "NORTH" },
      { kind: "STORE", value: "S-S1" },
      { kind: "CATEGORY", value: "SNACKS" },
    ];
    expect(await visibleLocations("planner", scopes)).toEqual(["S-N1", "S-N2", "S-S1"]);
    expect(await visibleCategories("planner", scopes)).toEqual(["SNACKS"]);
  });

  it("a store manager sees own stores and all their products", async () => {
    const scopes: Scope[] = [{ kind: "STORE", value: "S-N2" }];
    expect(await visibleLocations("store_manager", scopes)).toEqual(["S-N2"]);
    expect(await visibleCategories("store_manager", scopes)).toEqual(["DAIRY", "HOME", "SNACKS"]);
  });

  it("a buyer is restricted by category only", async () => {
    const scopes: Scope[] = [{ kind: "CATEGORY", value: "DAIRY" }];
    expect(await visibleLocations("buyer", scopes)).toHaveLength(4);
    expect(await visibleCategories("buyer", scopes)).toEqual(["DAIRY"]);
  });

  it("fails closed: a scoped role without scopes, or an unknown role, sees nothing", async () => {
    expect(await visibleLocations("planner", [])).toEqual([]);
    expect(await visibleCategories("planner", [])).toEqual([]);
    expect(await visibleLocations("store_manager", [{ kind: "CATEGORY", value: "SNACKS" }])).toEqual([]);
    expect(await visibleCategories("buyer", [{ kind: "REGION", value: "NORTH" }])).toEqual([]);
    expect(await visibleLocations("root", [])).toEqual([]);
    expect(await visibleCategories("root", [])).toEqual([]);
  });

  it("names the scope kinds each role uses", () => {
    expect(relevantScopeKinds("planner")).toEqual(["REGION", "STORE", "CATEGORY"]);
    expect(relevantScopeKinds("buyer")).toEqual(["CATEGORY"]);
    expect(relevantScopeKinds("store_manager")).toEqual(["REGION", "STORE"]);
    expect(relevantScopeKinds("admin")).toEqual([]);
  });
});
