import "server-only";
import { createHmac } from "node:crypto";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { TBriefingWebhookBody } from "@/lib/copilot/briefing.types";
import type { Db } from "../../db";
import { renderBriefingEmail } from "./render-briefing-email";
import { postToPublicAddress, RefusedWebhookTarget } from "./webhook-target";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

/** How digests leave the building; tests pass an in-process SMTP server's transport and a local receiver. */
export interface DeliveryChannels {
  sendMail: (message: MailMessage) => Promise<void>;
  postWebhook: (url: string, body: string, headers: Record<string, string>) => Promise<{ status: number }>;
}

export const MAX_ATTEMPTS = 6;
const BACKOFF_BASE_MS = 60_000;
/** A "sending" row older than this was left by a process that died mid-send: try it again. */
const STUCK_AFTER_MS = 10 * 60_000;
const WEBHOOK_TIMEOUT_MS = 10_000;
const BATCH = 50;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: receivers recompute it and reject old timestamps. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

class PermanentFailure extends Error {}

/**
 * Real channels: nodemailer over SMTP (a URL like smtp://user:pass@mail:587, or transport options)
 * and an HTTP POST with a timeout that connects to public addresses only (webhook-target.ts).
 */
export function createDeliveryChannels(options: { smtp?: string | SMTPTransport.Options; from?: string }): DeliveryChannels {
  const from = options.from ?? "Stockpilot <stockpilot@localhost>";
  const transport = options.smtp ? nodemailer.createTransport(options.smtp) : null;
  return {
    sendMail: async (message) => {
      if (!transport) throw new PermanentFailure("E-mail is not configured (set STOCKPILOT_SMTP_URL).");
      await transport.sendMail({ from, ...message });
    },
    postWebhook: (url, body, headers) => postToPublicAddress(url, body, headers, WEBHOOK_TIMEOUT_MS),
  };
}

/** The server's channels, from STOCKPILOT_SMTP_URL and STOCKPILOT_MAIL_FROM. */
export function defaultDeliveryChannels(): DeliveryChannels {
  return createDeliveryChannels({ smtp: process.env.STOCKPILOT_SMTP_URL, from: process.env.STOCKPILOT_MAIL_FROM });
}

async function send(channels: DeliveryChannels, delivery: { id: string; payload: string; subscription: { channel: string; target: string; signingSecret: string | null } }, baseUrl: string, now: Date) {
  const { subscription } = delivery;
  if (subscription.channel === "email") {
    const body = JSON.parse(delivery.payload) as TBriefingWebhookBody;
    const email = renderBriefingEmail(body.briefing, baseUrl);
    await channels.sendMail({ to: subscription.target, ...email, messageId: `<${delivery.id}@stockpilot>`, headers: { "X-Stockpilot-Delivery": delivery.id } });
    return;
  }
  const timestamp = Math.floor(now.getTime() / 1000);
  const { status } = await channels.postWebhook(subscription.target, delivery.payload, {
    "content-type": "application/json",
    "user-agent": "Stockpilot-Webhooks/1",
    "x-stockpilot-event": "briefing.ready",
    "x-stockpilot-delivery": delivery.id,
    "x-stockpilot-signature": signWebhook(subscription.signingSecret ?? "", timestamp, delivery.payload),
  });
  if (status >= 200 && status < 300) return;
  // A receiver that refuses the request itself will refuse it again; timeouts, throttling and 5xx may pass later.
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) throw new PermanentFailure(`The webhook answered ${status}.`);
  throw new Error(`The webhook answered ${status}.`);
}

export interface DeliveryRound {
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the digests that are due. Each is claimed first (one process sends it), sent with the same
 * body and id on every attempt, and retried with exponential backoff (1, 2, 4, 8, 16 min) up to
 * MAX_ATTEMPTS; a refusal that cannot change (a 4xx, no SMTP) fails it at once.
 */
export async function deliverDueBriefings(db: Db, channels: DeliveryChannels, options: { now?: Date; baseUrl?: string } = {}): Promise<DeliveryRound> {
  const now = options.now ?? new Date();
  const baseUrl = options.baseUrl ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000";
  const due = await db.briefingDelivery.findMany({
    where: {
      OR: [
        { status: "pending", nextAttemptAt: { lte: now } },
        { status: "sending", nextAttemptAt: { lte: new Date(now.getTime() - STUCK_AFTER_MS) } },
      ],
    },
    include: { subscription: true },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: BATCH,
  });
  const round: DeliveryRound = { delivered: 0, retrying: 0, failed: 0 };
  for (const delivery of due) {
    const claimed = await db.briefingDelivery.updateMany({
      where: { id: delivery.id, status: delivery.status, attempts: delivery.attempts },
      data: { status: "sending", attempts: delivery.attempts + 1, nextAttemptAt: now },
    });
    if (claimed.count === 0) continue;
    const attempts = delivery.attempts + 1;
    try {
      if (!delivery.subscription.active) throw new PermanentFailure("The subscription was turned off.");
      await send(channels, delivery, baseUrl, now);
      await db.briefingDelivery.update({ where: { id: delivery.id }, data: { status: "delivered", deliveredAt: new Date(), lastError: null } });
      round.delivered++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const give = error instanceof PermanentFailure || error instanceof RefusedWebhookTarget || attempts >= MAX_ATTEMPTS;
      await db.briefingDelivery.update({
        where: { id: delivery.id },
        data: give
          ? { status: "failed", lastError: message.slice(0, 500) }
          : { status: "pending", lastError: message.slice(0, 500), nextAttemptAt: new Date(now.getTime() + BACKOFF_BASE_MS * 2 ** (attempts - 1)) },
      });
      if (give) round.failed++;
      else round.retrying++;
    }
  }
  return round;
}
