import "server-only";
import type { BriefingSubscription } from "@prisma/client";
import type { TBriefing, TBriefingItem } from "@/lib/copilot/briefing.types";

const words = (text: string) => text.split(" ").filter(Boolean);

/** True when the item passes the subscription's exception types, value threshold and places. */
export function matchesSubscription(item: TBriefingItem, subscription: BriefingSubscription): boolean {
  const types = words(subscription.exceptionTypes);
  const regions = words(subscription.regions);
  const locations = words(subscription.locations);
  const categories = words(subscription.categories);
  return (
    (types.length === 0 || types.includes(item.type)) &&
    item.moneyAtRisk >= subscription.minMoneyAtRisk &&
    (regions.length === 0 || regions.includes(item.region)) &&
    (locations.length === 0 || locations.includes(item.locationCode)) &&
    (categories.length === 0 || categories.includes(item.category))
  );
}

/**
 * The briefing narrowed to what a subscription asked for, or null when nothing new or escalated
 * matches — a digest is sent only when there is something to act on, and always as one message.
 */
export function digestForSubscription(briefing: TBriefing, subscription: BriefingSubscription): TBriefing | null {
  const newItems = briefing.newItems.filter((i) => matchesSubscription(i, subscription));
  const escalatedItems = briefing.escalatedItems.filter((i) => matchesSubscription(i, subscription));
  if (newItems.length + escalatedItems.length === 0) return null;
  const types = words(subscription.exceptionTypes);
  const sum = (items: TBriefingItem[]) => items.reduce((s, i) => s + i.moneyAtRisk, 0);
  return {
    ...briefing,
    changes: {
      new: { ...briefing.changes.new, count: newItems.length, money: sum(newItems) },
      closed: briefing.changes.closed,
      escalated: { ...briefing.changes.escalated, count: escalatedItems.length, money: sum(escalatedItems) },
    },
    moneyAtRiskByType: types.length === 0 ? briefing.moneyAtRiskByType : briefing.moneyAtRiskByType.filter((t) => types.includes(t.type)),
    newItems,
    escalatedItems,
    topItems: briefing.topItems.filter((i) => matchesSubscription(i, subscription)),
    suppliers: types.length === 0 || types.includes("supplier_delay") ? briefing.suppliers : [],
  };
}
