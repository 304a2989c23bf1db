/**
 * Briefings after a plan run, per person and scope, and their digests: e-mail through an in-process
 * SMTP server, webhooks to a local receiver (signed, retried with the same id and body, idempotent),
 * one message per subscription and run whatever the number of items.
 */
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Location, PlanRun, Product } from "@prisma/client";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TBriefing, TBriefingWebhookBody } from "@/lib/copilot/briefing.types";
import { db } from "../../db";
import { databaseDialect } from "../../../../prisma/database-url";
import { holdSqliteWriteLock } from "../../../test/hold-sqlite-write-lock";
import { createException, createLocation, createPlanRun, createProduct, createRecommendation, createUser, type TestUser } from "../../../test/factories";
import { createDeliveryChannels, deliverDueBriefings, MAX_ATTEMPTS, type DeliveryChannels } from "./deliver-briefings";
import { generateBriefings } from "./generate-briefings";
import { getLatestBriefing } from "./get-latest-briefing";
import { createSubscription } from "./manage-subscriptions";

const T0 = new Date("2026-11-29T06:00:00Z");
const T1 = new Date("2026-11-30T06:00:00Z");
const NOW = new Date("2026-11-30T06:05:00Z");

let previousRun: PlanRun;
let run: PlanRun;
let north: Location;
let south: Location;
let snacks: Product;
let dairy: Product;
const users = {} as Record<"planner" | "finance" | "store_manager", TestUser>;

// In-process SMTP server: every message it accepts, raw.
const mails: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let smtpPort: number;

// Local webhook receiver: answers from a script of status codes, remembers deliveries it accepted.
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
const accepted = new Set<string>();
let script: number[] = [];
let receiver: Server;
let receiverUrl: string;

let channels: DeliveryChannels;

beforeAll(async () => {
  // The local receiver listens on loopback, which webhooks reach only under this test/dev setting.
  process.env.STOCKPILOT_WEBHOOK_ALLOW_LOOPBACK = "1";
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      const status = script.shift() ?? 200;
      if (status === 200) accepted.add(String(request.headers["x-stockpilot-delivery"]));
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/stockpilot`;
  channels = createDeliveryChannels({ smtp: { host: "127.0.0.1", port: smtpPort, secure: false, ignoreTLS: true }, from: "Stockpilot <briefing@test.local>" });

  previousRun = await createPlanRun({ asOf: new Date("2026-11-29T00:00:00Z"), finishedAt: T0 });
  run = await createPlanRun({ asOf: new Date("2026-11-30T00:00:00Z"), startedAt: new Date("2026-11-30T05:00:00Z"), finishedAt: T1 });
  north = await createLocation({ code: "N1", name: "North One", region: "NORTH" });
  south = await createLocation({ code: "S1", name: "South One", region: "SOUTH" });
  snacks = await createProduct({ sku: "SN1", name: "Salty snack", category: "SNACKS" });
  dairy = await createProduct({ sku: "DA1", name: "Whole milk", category: "DAIRY" });

  const at = (time: Date) => ({ raisedAt: time });
  // New since the previous run: two in the north (snacks 6,000 stockout; dairy 2,500 excess), one in the south.
  await createException({ planRun: run, location: north, product: snacks, overrides: { type: "stockout", moneyAtRisk: 6_000, score: 6_000, identityKey: "a", ...at(T1) } });
  await createException({ planRun: run, location: north, product: dairy, overrides: { type: "excess", moneyAtRisk: 2_500, score: 2_500, identityKey: "b", ...at(T1) } });
  await createException({ planRun: run, location: south, product: snacks, overrides: { type: "stockout", moneyAtRisk: 9_000, score: 9_000, identityKey: "c", ...at(T1) } });
  // Closed since: a north snack exception resolved this morning.
  await createException({ planRun: previousRun, location: north, product: snacks, overrides: { type: "demand_deviation", status: "resolved", closedAt: T1, moneyAtRisk: 700, identityKey: "d", raisedAt: new Date("2026-11-20T00:00:00Z") } });
  // Escalated: open before, its newest recommendation needs finance where the earlier one needed a planner.
  const older = await createException({ planRun: previousRun, location: north, product: snacks, overrides: { type: "supplier_delay", moneyAtRisk: 30_000, score: 30_000, identityKey: "e", raisedAt: new Date("2026-11-20T00:00:00Z") } });
  await createRecommendation({ exception: older, recommendation: { tier: "planner", status: "superseded", createdAt: new Date("2026-11-28T00:00:00Z") } });
  await createRecommendation({ exception: older, recommendation: { tier: "finance", status: "pending", value: 30_000, createdAt: T1 } });

  users.planner = await createUser("planner", { name: "Pia Planner", email: "pia@test.local", scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
  users.finance = await createUser("finance", { name: "Fin Approver", email: "fin@test.local" });
  users.store_manager = await createUser("store_manager", { name: "Sam Store", scopes: [{ kind: "STORE", value: "S1" }] });
});

afterAll(async () => {
  delete process.env.STOCKPILOT_WEBHOOK_ALLOW_LOOPBACK;
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function briefingOf(user: TestUser): Promise<TBriefing> {
  const row = await db.briefing.findUniqueOrThrow({ where: { userId_planRunId: { userId: user.id, planRunId: run.id } } });
  return JSON.parse(row.content) as TBriefing;
}

describe("briefings", () => {
  it("writes one briefing per person, in their scope, and only once per run", async () => {
    const webhook = await createSubscription(db, users.finance, { channel: "webhook", url: receiverUrl, exceptionTypes: [], minMoneyAtRisk: 0, regions: [], locations: [], categories: [] });
    const email = await createSubscription(db, users.planner, { channel: "email", exceptionTypes: ["stockout", "supplier_delay"], minMoneyAtRisk: 1_000, regions: [], locations: [], categories: [] });
    // Nothing new matches this one (dairy excess is below its threshold): no digest for it.
    await createSubscription(db, users.finance, { channel: "email", email: "fin-excess@test.local", exceptionTypes: ["excess"], minMoneyAtRisk: 10_000, regions: [], locations: [], categories: [] });
    expect(webhook.signingSecret).toMatch(/^whsec_/);
    expect(email.signingSecret).toBeNull();

    const first = await generateBriefings(db, run.id, NOW);
    expect(first).toMatchObject({ status: "generated", briefings: 3, deliveries: 2 });
    expect(await generateBriefings(db, run.id, NOW)).toMatchObject({ status: "generated", briefings: 0, deliveries: 0 });

    const planner = await briefingOf(users.planner);
    expect(planner.since).toBe(T0.toISOString());
    expect(planner.changes.new).toMatchObject({ count: 1, money: 6_000 });
    expect(planner.changes.closed).toMatchObject({ count: 1, money: 700 });
    expect(planner.changes.escalated).toMatchObject({ count: 1, money: 30_000 });
    expect(planner.escalatedItems[0]).toMatchObject({ type: "supplier_delay", sku: "SN1" });
    expect(planner.moneyAtRiskByType.map((t) => [t.type, t.money])).toEqual([
      ["supplier_delay", 30_000],
      ["stockout", 6_000],
    ]);
    expect(planner.topItems.map((i) => i.moneyAtRisk)).toEqual([30_000, 6_000]);
    expect(planner.approvals).toMatchObject({ count: 0 });

    const finance = await briefingOf(users.finance);
    expect(finance.changes.new).toMatchObject({ count: 3, money: 17_500 });
    expect(finance.approvals).toMatchObject({ count: 1, value: 30_000 });
    const store = await briefingOf(users.store_manager);
    expect(store.changes.new).toMatchObject({ count: 1, money: 9_000 });
    expect(store.newItems[0]!.href).toMatch(/^\/exceptions\//);
  });

  it("skips incremental replans: no one is briefed about a one-series run", async () => {
    const scoped = await createPlanRun({ scope: JSON.stringify({ locationId: north.id, productId: snacks.id }) });
    expect(await generateBriefings(db, scoped.id, NOW)).toMatchObject({ status: "skipped" });
  });

  it("refuses a subscription reaching outside the person's scope, naming the field", async () => {
    await expect(
      createSubscription(db, users.planner, { channel: "email", exceptionTypes: [], minMoneyAtRisk: 0, regions: ["SOUTH"], locations: [], categories: ["DAIRY"] }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { regions: ["SOUTH is not a region in your scope"], categories: ["DAIRY is not one of your categories"] } });
  });
});

describe("digests", () => {
  it("e-mails one digest per subscription through SMTP, with the matching items linked", async () => {
    script = [500]; // the webhook's first attempt fails; see the next test
    const round = await deliverDueBriefings(db, channels, { now: NOW, baseUrl: "https://stockpilot.test" });
    expect(round).toEqual({ delivered: 1, retrying: 1, failed: 0 });
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.to).toEqual(["pia@test.local"]);
    // Quoted-printable, as nodemailer encodes it: soft line breaks and =XX bytes.
    const unfolded = Buffer.from(mail.raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), "latin1").toString("utf8");
    expect(unfolded).toContain("Subject: Stockpilot briefing 2026-11-30: 1 new, 1 escalated, 1 closed");
    expect(unfolded).toMatch(/Message-ID: <[0-9a-f-]{36}@stockpilot>/);
    expect(unfolded).toContain("https://stockpilot.test/queue?sort=score&order=desc");
    expect(unfolded).toContain("1 new exception ($6,000 at risk), 1 escalated, 1 closed since the last plan run.");
    expect(unfolded).toContain("Stockout · SN1 Salty snack at North One: $6,000 at risk");
    expect(unfolded).not.toContain("Whole milk"); // excess of dairy: not this subscription's type, not the planner's category
  });

  it("retries a failed webhook with the same id and body, signed, and counts it once", async () => {
    const [failedAttempt] = received.splice(0);
    expect(failedAttempt).toBeDefined();
    const delivery = await db.briefingDelivery.findFirstOrThrow({ where: { subscription: { channel: "webhook" } } });
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastError: "The webhook answered 500." });
    expect(delivery.nextAttemptAt.getTime() - NOW.getTime()).toBe(60_000);

    // Not due yet: nothing is sent.
    expect(await deliverDueBriefings(db, channels, { now: new Date(NOW.getTime() + 30_000) })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    const later = new Date(NOW.getTime() + 61_000);
    expect(await deliverDueBriefings(db, channels, { now: later })).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    const [retry] = received.splice(0);
    expect(retry!.headers["x-stockpilot-delivery"]).toBe(failedAttempt!.headers["x-stockpilot-delivery"]);
    expect(retry!.body).toBe(failedAttempt!.body);

    const subscription = await db.briefingSubscription.findUniqueOrThrow({ where: { id: delivery.subscriptionId } });
    const [t, v1] = String(retry!.headers["x-stockpilot-signature"]).split(",").map((part) => part.split("=")[1]);
    expect(v1).toBe(createHmac("sha256", subscription.signingSecret!).update(`${t}.${retry!.body}`).digest("hex"));
    const body = JSON.parse(retry!.body) as TBriefingWebhookBody;
    expect(body).toMatchObject({ event: "briefing.ready", deliveryId: delivery.id });
    expect(body.briefing.changes.new).toMatchObject({ count: 3, money: 17_500 });
    expect(accepted.size).toBe(1);

    // Delivered digests are never sent again.
    expect(await deliverDueBriefings(db, channels, { now: new Date(later.getTime() + 3_600_000) })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
  });

  it("gives up at once on a 4xx and after the last attempt on repeated 5xx", async () => {
    const secondRun = await createPlanRun({ asOf: new Date("2026-12-01T00:00:00Z"), startedAt: new Date("2026-12-01T05:00:00Z"), finishedAt: new Date("2026-12-01T06:00:00Z") });
    await createException({ planRun: secondRun, location: south, product: dairy, overrides: { type: "stockout", moneyAtRisk: 4_000, identityKey: "f", raisedAt: new Date("2026-12-01T06:00:00Z") } });
    const gone = await createSubscription(db, users.finance, { channel: "webhook", url: `${receiverUrl}/gone`, exceptionTypes: ["stockout"], minMoneyAtRisk: 0, regions: [], locations: [], categories: [] });
    const start = new Date("2026-12-01T06:01:00Z");
    await generateBriefings(db, secondRun.id, start);
    received.splice(0);
    script = [410, ...Array<number>(MAX_ATTEMPTS).fill(503)];
    // The 410 is for the first due delivery; find out which one got it from the receiver.
    let now = start;
    for (let attempt = 0; attempt < MAX_ATTEMPTS + 1; attempt++) {
      await deliverDueBriefings(db, channels, { now });
      now = new Date(now.getTime() + 60 * 60_000);
    }
    const rows = await db.briefingDelivery.findMany({ where: { briefing: { planRunId: secondRun.id }, subscription: { channel: "webhook" } } });
    expect(rows).toHaveLength(2);
    const byStatus = rows.map((r) => [r.attempts, r.status, r.lastError]).sort();
    expect(byStatus).toEqual([
      [1, "failed", "The webhook answered 410."],
      [MAX_ATTEMPTS, "failed", "The webhook answered 503."],
    ]);
    expect(gone.subscription.channel).toBe("webhook");
  });
});

describe("webhook targets (SSRF)", () => {
  const webhookTo = (url: string) => ({ channel: "webhook" as const, url, exceptionTypes: [], minMoneyAtRisk: 0, regions: [], locations: [], categories: [] });

  it("refuses a webhook to the private network or cloud metadata, naming the field, and stores nothing", async () => {
    const before = await db.briefingSubscription.count();
    await expect(createSubscription(db, users.planner, webhookTo("http://10.0.0.7:8080/hooks"))).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { url: ["10.0.0.7 is a private or reserved address; webhooks go to public addresses only"] },
    });
    await expect(createSubscription(db, users.planner, webhookTo("http://169.254.169.254/latest/meta-data"))).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await db.briefingSubscription.count()).toBe(before);
  });

  it("refuses loopback without the explicit setting, and stops delivering once it is off", async () => {
    const subscribed = await createSubscription(db, users.planner, webhookTo(`${receiverUrl.replace("127.0.0.1", "localhost")}/rebound`));
    const digest = await db.briefingDelivery.create({
      data: { briefing: { connect: { userId_planRunId: { userId: users.planner.id, planRunId: run.id } } }, subscription: { connect: { id: subscribed.subscription.id } }, status: "pending", payload: "{}", nextAttemptAt: NOW },
    });
    delete process.env.STOCKPILOT_WEBHOOK_ALLOW_LOOPBACK;
    try {
      await expect(createSubscription(db, users.planner, webhookTo(receiverUrl))).rejects.toMatchObject({ fieldErrors: { url: ["127.0.0.1 is a loopback address; webhooks go to public addresses only"] } });
      received.splice(0);
      // The name was accepted when subscribing; the check at connection time refuses it now, for good.
      await deliverDueBriefings(db, channels, { now: NOW });
      expect(received).toEqual([]);
      expect(await db.briefingDelivery.findUniqueOrThrow({ where: { id: digest.id } })).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringMatching(/^localhost resolves to .*a loopback address\.$/) });
    } finally {
      process.env.STOCKPILOT_WEBHOOK_ALLOW_LOOPBACK = "1";
    }
  });
});

describe("a person the run did not brief", () => {
  it("gets their briefing written when they first open it, in their scope", async () => {
    const latecomer = await createUser("store_manager", { name: "Lee Late", scopes: [{ kind: "STORE", value: "S1" }] });
    const latest = await db.planRun.findFirstOrThrow({ where: { status: "succeeded", scope: null }, orderBy: { finishedAt: "desc" } });
    expect(await db.briefing.count({ where: { userId: latecomer.id } })).toBe(0);
    const briefing = await getLatestBriefing(db, latecomer, new Date("2026-12-01T07:00:00Z"));
    expect(briefing).toMatchObject({ planRunId: latest.id, person: { id: latecomer.id }, changes: { new: { count: 1, money: 4_000 } } });
    expect(await db.briefing.count({ where: { userId: latecomer.id } })).toBe(1);
    expect(await getLatestBriefing(db, latecomer)).toEqual(briefing);
  });
});

describe("briefings behind another writer", () => {
  // Another process holds SQLite's write lock longer than the busy timeout (10 s): a plain upsert
  // failed with SQLITE_BUSY and the briefing was lost (logged, not retried); it now retries.
  it.skipIf(databaseDialect() !== "sqlite")("waits and retries instead of failing when the write lock is held past the busy timeout", async () => {
    const latest = await db.planRun.findFirstOrThrow({ where: { status: "succeeded", scope: null }, orderBy: { finishedAt: "desc" } });
    const newcomer = await createUser("planner", { name: "Nia New" });
    const { released } = await holdSqliteWriteLock(11_000);
    const outcome = await generateBriefings(db, latest.id, NOW);
    await released;
    expect(outcome).toMatchObject({ status: "generated", briefings: 1 });
    expect(await db.briefing.count({ where: { userId: newcomer.id, planRunId: latest.id } })).toBe(1);
  }, 60_000);
});
