import { z } from "zod";
import { EXCEPTION_TYPES, type TExceptionType } from "./copilot.types";

/** One exception in a briefing, linked to its page. */
export interface TBriefingItem {
  exceptionId: string;
  type: TExceptionType;
  region: string;
  category: string;
  locationCode: string;
  sku: string;
  moneyAtRisk: number;
  label: string;
  detail: string;
  href: string;
}

export interface TBriefingTotal {
  count: number;
  money: number;
  href: string;
}

/** What a person finds after a plan run: what changed in their scope, what to do first, who waits on them. */
export interface TBriefing {
  planRunId: string;
  /** Business day of the plan. */
  asOf: string;
  generatedAt: string;
  /** Changes are counted since this moment: the previous network plan run's end. */
  since: string | null;
  person: { id: string; name: string; role: string };
  queueHref: string;
  changes: { new: TBriefingTotal; closed: TBriefingTotal; escalated: TBriefingTotal };
  /** Open money at risk in scope by exception type, largest first. */
  moneyAtRiskByType: ({ type: TExceptionType } & TBriefingTotal)[];
  newItems: TBriefingItem[];
  escalatedItems: TBriefingItem[];
  topItems: TBriefingItem[];
  /** Null when the person approves nothing. */
  approvals: { count: number; value: number; overdue: number; href: string } | null;
  suppliers: { code: string; name: string; detail: string; href: string }[];
}

export const SUBSCRIPTION_CHANNELS = ["email", "webhook"] as const;

const codes = z.array(z.string().trim().min(1).max(100)).max(50).default([]);

/** Body of POST /api/v1/briefing-subscriptions. Filters narrow the person's scope; they never widen it. */
export const ZCreateSubscriptionRequest = z.discriminatedUnion("channel", [
  z.object({
    channel: z.literal("email"),
    /** Defaults to the person's own address. */
    email: z.email().optional(),
    exceptionTypes: z.array(z.enum(EXCEPTION_TYPES)).default([]),
    minMoneyAtRisk: z.number().finite().nonnegative().default(0),
    regions: codes,
    locations: codes,
    categories: codes,
  }),
  z.object({
    channel: z.literal("webhook"),
    url: z.url({ protocol: /^https?$/, error: "a webhook URL starts with http:// or https://" }),
    exceptionTypes: z.array(z.enum(EXCEPTION_TYPES)).default([]),
    minMoneyAtRisk: z.number().finite().nonnegative().default(0),
    regions: codes,
    locations: codes,
    categories: codes,
  }),
]);
export type TCreateSubscriptionRequest = z.infer<typeof ZCreateSubscriptionRequest>;

export const ZSubscriptionIdParams = z.object({ id: z.string().min(1).max(64) });

export interface TSubscriptionView {
  id: string;
  channel: (typeof SUBSCRIPTION_CHANNELS)[number];
  target: string;
  exceptionTypes: TExceptionType[];
  minMoneyAtRisk: number;
  regions: string[];
  locations: string[];
  categories: string[];
  active: boolean;
  createdAt: string;
  /** Last delivery outcome, for the person to see whether digests arrive. */
  lastDelivery: { status: string; attempts: number; at: string; error: string | null } | null;
}

/** The answer to creating a webhook subscription carries its signing secret, once. */
export interface TCreatedSubscription {
  subscription: TSubscriptionView;
  signingSecret: string | null;
}

/**
 * The webhook body: one digest per plan run and subscription, never one message per item.
 * `deliveryId` is the same on every retry; receivers use it to ignore duplicates.
 */
export interface TBriefingWebhookBody {
  event: "briefing.ready";
  deliveryId: string;
  briefing: TBriefing;
}
