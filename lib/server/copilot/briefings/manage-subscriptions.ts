import "server-only";
import { randomBytes } from "node:crypto";
import type { BriefingSubscription, BriefingDelivery } from "@prisma/client";
import type { TCreateSubscriptionRequest, TCreatedSubscription, TSubscriptionView } from "@/lib/copilot/briefing.types";
import type { TExceptionType } from "@/lib/copilot/copilot.types";
import type { Db } from "../../db";
import { AppError, notFound } from "../../app-error";
import { type FieldErrors } from "../../../contracts/errors";
import type { UserActor } from "../../actor";
import { loadCopilotCatalog } from "../load-copilot-catalog";
import { canSeeCategory, canSeeLocation, canSeeRegion } from "../scope-check";
import { refusedWebhookUrlReason } from "./webhook-target";

const words = (text: string) => text.split(" ").filter(Boolean);

function toView(row: BriefingSubscription & { deliveries?: BriefingDelivery[] }): TSubscriptionView {
  const last = row.deliveries?.[0];
  return {
    id: row.id,
    channel: row.channel as TSubscriptionView["channel"],
    target: row.target,
    exceptionTypes: words(row.exceptionTypes) as TExceptionType[],
    minMoneyAtRisk: row.minMoneyAtRisk,
    regions: words(row.regions),
    locations: words(row.locations),
    categories: words(row.categories),
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    lastDelivery: last ? { status: last.status, attempts: last.attempts, at: (last.deliveredAt ?? last.nextAttemptAt).toISOString(), error: last.lastError } : null,
  };
}

/**
 * Subscribes the person to digests by e-mail or signed webhook. Its filters must lie inside the
 * person's own scope (422 naming the field otherwise): a subscription narrows, it never widens.
 * A webhook must point at a public address (422 otherwise: no reaching internal hosts through the
 * server). A webhook's signing secret is generated here and returned once.
 */
export async function createSubscription(db: Db, user: UserActor & { email: string }, input: TCreateSubscriptionRequest): Promise<TCreatedSubscription> {
  const loaded = await loadCopilotCatalog(db);
  const errors: FieldErrors = {};
  const refuse = (field: string, message: string) => (errors[field] ??= []).push(message);
  for (const r of input.regions) if (!loaded.catalog.regions.includes(r) || !canSeeRegion(user, r, loaded)) refuse("regions", `${r} is not a region in your scope`);
  for (const code of input.locations) {
    const location = loaded.locationsByCode.get(code);
    if (!location || !canSeeLocation(user, location)) refuse("locations", `${code} is not one of your locations`);
  }
  for (const c of input.categories) if (!loaded.catalog.categories.includes(c) || !canSeeCategory(user, c)) refuse("categories", `${c} is not one of your categories`);
  if (Object.keys(errors).length > 0) throw new AppError("VALIDATION_FAILED", "The subscription reaches outside your scope.", { fieldErrors: errors });
  if (input.channel === "webhook") {
    const refused = await refusedWebhookUrlReason(input.url);
    if (refused) {
      throw new AppError("VALIDATION_FAILED", "This webhook URL is not allowed.", { fieldErrors: { url: [`${refused}; webhooks go to public addresses only`] } });
    }
  }

  const signingSecret = input.channel === "webhook" ? `whsec_${randomBytes(24).toString("base64url")}` : null;
  const row = await db.briefingSubscription.create({
    data: {
      userId: user.id,
      channel: input.channel,
      target: input.channel === "email" ? (input.email ?? user.email) : input.url,
      signingSecret,
      exceptionTypes: [...new Set(input.exceptionTypes)].sort().join(" "),
      minMoneyAtRisk: input.minMoneyAtRisk,
      regions: [...new Set(input.regions)].sort().join(" "),
      locations: [...new Set(input.locations)].sort().join(" "),
      categories: [...new Set(input.categories)].sort().join(" "),
    },
  });
  return { subscription: toView(row), signingSecret };
}

export async function listSubscriptions(db: Db, user: UserActor): Promise<TSubscriptionView[]> {
  const rows = await db.briefingSubscription.findMany({
    where: { userId: user.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { deliveries: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 } },
  });
  return rows.map(toView);
}

/** Removes one of the person's own subscriptions (its queued digests go with it); anyone else's answers 404. */
export async function deleteSubscription(db: Db, user: UserActor, id: string): Promise<void> {
  const { count } = await db.briefingSubscription.deleteMany({ where: { id, userId: user.id } });
  if (count === 0) throw notFound("This subscription");
}
