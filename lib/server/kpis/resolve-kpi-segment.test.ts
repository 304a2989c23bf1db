import { beforeAll, describe, expect, it } from "vitest";
import type { Location } from "@prisma/client";
import { db } from "../db";
import { ZKpiQuery } from "../../contracts/kpis";
import { createException, createLocation, createPlanRun, createProduct, createUser, type TestUser } from "../../test/factories";
import { resolveKpiSegment } from "./resolve-kpi-segment";

let planner: TestUser;
let northStore: Location;
let northDc: Location;

beforeAll(async () => {
  const run = await createPlanRun();
  northStore = await createLocation({ region: "NORTH" });
  northDc = await createLocation({ region: "NORTH", type: "DC", code: "DC-N", name: "North DC" });
  const southDc = await createLocation({ region: "SOUTH", type: "DC", code: "DC-S", name: "South DC" });
  const product = await createProduct({ category: "SNACKS" });
  for (const location of [northStore, northDc, southDc]) await createException({ planRun: run, location, product });
  planner = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
});

async function exceptionsCounted(query: Record<string, string>): Promise<string[]> {
  const segment = await resolveKpiSegment(db, ZKpiQuery.parse(query), { role: planner.role, scopes: planner.scopes });
  const rows = await db.exception.findMany({ where: segment.exceptionWhere, select: { locationId: true }, orderBy: { locationId: "asc" } });
  const codes = new Map((await db.location.findMany({ select: { id: true, code: true } })).map((l) => [l.id, l.code]));
  return rows.map((row) => codes.get(row.locationId)!);
}

describe("resolveKpiSegment's exceptions", () => {
  it("count a scoped planner's DC exceptions with both channels, as the queue lists them", async () => {
    expect(await exceptionsCounted({})).toEqual([northStore.code, northDc.code]);
    expect(await exceptionsCounted({ region: "NORTH" })).toEqual([northStore.code, northDc.code]);
  });

  it("leave the DC out of one channel and of one store's drill, and never widen the scope", async () => {
    expect(await exceptionsCounted({ channel: "stores" })).toEqual([northStore.code]);
    expect(await exceptionsCounted({ region: "NORTH", location: northStore.code })).toEqual([northStore.code]);
    expect(await exceptionsCounted({ region: "SOUTH" })).toEqual([]);
  });
});
