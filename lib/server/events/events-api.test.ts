/**
 * The events API end to end: the real route handlers with a real API token, then the
 * near-real-time replan turning a demand spike into a queue exception.
 */
import { describe, expect, it, vi } from "vitest";
import { GET as listExceptionsRoute } from "@/app/api/v1/exceptions/route";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { MS_PER_DAY } from "../../engine/calendar";
import { db } from "../db";
import { listExceptions } from "../exceptions/list-exceptions";
import { ZExceptionListQuery } from "../../contracts/exceptions";
import { createLocation, createProduct, createUser } from "../../test/factories";
import { createApiToken } from "../tokens/create-api-token";
import { replanAffectedSeries } from "./replan-affected-series";
import { executePlanRun } from "../plan-runs/execute-plan-run";

vi.mock("../auth/get-session-user", () => ({ getSessionUser: async () => null }));
// The test drives the replan itself instead of the debounce timer.
vi.mock("./incremental-replan-scheduler", () => ({ requestIncrementalReplan: vi.fn() }));

const context = { params: Promise.resolve({}) };

function post(secret: string, key: string, events: unknown[]) {
  return postEvents(
    new Request("http://localhost/api/v1/events", {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "idempotency-key": key, "content-type": "application/json" },
      body: JSON.stringify({ events }),
    }),
    context,
  );
}

describe("POST /api/v1/events with an API token", () => {
  it("accepts events with events:write, which cannot read exceptions, and replans the spiked series into the queue", async () => {
    const admin = await createUser("admin");
    const { secret } = await createApiToken(db, admin, { name: "POS feed", scopes: ["events:write"] });
    const dc = await createLocation({ type: "DC", code: "DC-EV" });
    const store = await createLocation({ sourceDcCode: dc.code });
    const product = await createProduct();
    const today = Math.floor(Date.now() / MS_PER_DAY) * MS_PER_DAY;
    await db.salesDaily.createMany({
      data: Array.from({ length: 90 }, (_, i) => ({ locationId: store.id, productId: product.id, date: new Date(today - (90 - i) * MS_PER_DAY), units: 4 + (i % 3), revenue: 25 })),
    });
    await db.inventoryPosition.create({ data: { locationId: store.id, productId: product.id, asOf: new Date(today - MS_PER_DAY), onHand: 60 } });
    await db.inventoryPosition.create({ data: { locationId: dc.id, productId: product.id, asOf: new Date(today - MS_PER_DAY), onHand: 40 } });

    const spike = [
      ...Array.from({ length: 12 }, (_, i) => ({ id: `spike-${i}`, type: "sale", occurredAt: new Date(today + (9 * 60 + i) * 60_000).toISOString(), location: store.code, sku: product.sku, units: 8, price: 5, channel: "online" })),
      { id: "spike-count", type: "inventory_count", occurredAt: new Date(today + 10 * 3_600_000).toISOString(), location: store.code, sku: product.sku, onHand: 3 },
    ];
    const response = await post(secret, "spike-request-1", spike);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toMatchObject({ applied: 13, seriesMarked: 1 });
    const again = await post(secret, "spike-request-1", spike);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await db.auditEvent.count({ where: { action: "events.ingested" } })).toBe(1);

    const read = await listExceptionsRoute(new Request("http://localhost/api/v1/exceptions", { headers: { authorization: `Bearer ${secret}` } }), context);
    expect(read.status).toBe(403);

    // The web process only queues the replan; a plan worker runs it. The mark stays until the run publishes.
    const replan = await replanAffectedSeries(db);
    expect(replan).toMatchObject({ series: 1, products: 1 });
    expect(await db.planRun.findUniqueOrThrow({ where: { id: replan.runIds[0] } })).toMatchObject({ status: "queued", trigger: "event" });
    expect(await db.dirtySeries.count()).toBe(1);
    expect(await executePlanRun(db, replan.runIds[0]!, { engine: { forecastWorkers: 1 } })).toMatchObject({ status: "succeeded" });
    expect(await db.dirtySeries.count()).toBe(0);
    const run = await db.planRun.findFirstOrThrow({ where: { trigger: "event" } });
    // The whole product is planned again, so its DC allocation and transfers follow the spike.
    expect(JSON.parse(run.scope!)).toEqual({ productId: product.id });
    expect(JSON.parse(run.counts!)).toMatchObject({ series: 2 });
    const page = await listExceptions(db, { id: "t", role: "executive", scopes: [] }, ZExceptionListQuery.parse({}));
    const raised = page.items.filter((item) => item.product.sku === product.sku).map((item) => item.type);
    expect(raised.some((type) => type === "stockout" || type === "demand_deviation")).toBe(true);
  });

  it("takes an NDJSON stream through the route and answers a replay from the idempotency record", async () => {
    const admin = await createUser("admin");
    const { secret } = await createApiToken(db, admin, { name: "POS stream", scopes: ["events:write"] });
    const store = await createLocation();
    const product = await createProduct();
    const body = Array.from({ length: 5 }, (_, i) => JSON.stringify({ id: `route-nd-${i}`, type: "sale", occurredAt: "2026-11-20T10:00:00Z", location: store.code, sku: product.sku, units: 1, price: 3, channel: "store" })).join("\n");
    const send = () =>
      postEvents(
        new Request("http://localhost/api/v1/events", {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "idempotency-key": "route-ndjson-1", "content-type": "application/x-ndjson" },
          body: new Blob([body]).stream(),
          duplex: "half",
        } as RequestInit),
        context,
      );
    const first = await send();
    expect(first.status, await first.clone().text()).toBe(200);
    expect(await first.json()).toMatchObject({ received: 5, applied: 5 });
    const again = await send();
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });

  it("answers 400 without an Idempotency-Key and 401 for an unknown token", async () => {
    const admin = await createUser("admin");
    const { secret } = await createApiToken(db, admin, { name: "feed", scopes: ["events:write"] });
    const noKey = await postEvents(new Request("http://localhost/api/v1/events", { method: "POST", headers: { authorization: `Bearer ${secret}` }, body: "{}" }), context);
    expect(noKey.status).toBe(400);
    expect((await post("sp_unknown", "some-key-123", [])).status).toBe(401);
  });
});
