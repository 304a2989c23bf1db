import "server-only";
import type { Promotion } from "@prisma/client";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { exceptionWhere, link, money, plural, queueHref, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { canSeeCategory, canSeeLocation } from "./scope-check";

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Where and what a promotion covers, as exception filters. */
function promotionTarget(ctx: AskContext, promo: Promotion) {
  const category = promo.category ?? (promo.sku ? ctx.loaded.productsBySku.get(promo.sku)?.category : undefined) ?? null;
  const location = promo.locationCode ? ctx.loaded.locationsByCode.get(promo.locationCode) : undefined;
  return { category, region: promo.region, location };
}

function isVisible(ctx: AskContext, promo: Promotion): boolean {
  const t = promotionTarget(ctx, promo);
  const placeOk = t.location
    ? canSeeLocation(ctx.actor, t.location)
    : [...ctx.loaded.locationsById.values()].some((l) => l.region === t.region && canSeeLocation(ctx.actor, l));
  return placeOk && (t.category === null || canSeeCategory(ctx.actor, t.category));
}

/**
 * "Is PROMO-OUTER-NORTH ready?": a promotion's window and expected lift with the open
 * promotion-readiness exceptions in its category and place; without a name, the promotions of the period.
 */
export async function answerPromotions(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  const e = parsed.entities;
  if (e.promotions.length > 0) {
    const promo = await ctx.db.promotion.findUnique({ where: { code: e.promotions[0]! } });
    if (!promo || !isVisible(ctx, promo)) return { status: "empty", sentence: sentence(`Promotion ${e.promotions[0]} is not in your scope.`), primaryHref: null };
    const t = promotionTarget(ctx, promo);
    const readiness = await ctx.db.exception.aggregate({
      where: {
        AND: [
          exceptionWhere(ctx, { ...e, promotions: [], regions: [], categories: [], locations: [], products: promo.sku ? [promo.sku] : [] }),
          { type: "promotion_readiness" },
          ...(t.category ? [{ category: t.category }] : []),
          t.location ? { locationId: t.location.id } : { region: t.region ?? "" },
        ],
      },
      _count: { _all: true },
      _sum: { moneyAtRisk: true },
    });
    const href = queueHref({ type: ["promotion_readiness"], category: t.category ? [t.category] : [], region: t.region ? [t.region] : [], location: t.location ? [t.location.code] : [] });
    const count = readiness._count._all;
    return {
      status: "answered",
      sentence: sentence(
        `${promo.code} (${promo.name}) runs ${dayOf(promo.startDate)} – ${dayOf(promo.endDate)} expecting +${Math.round(promo.expectedUplift * 100)}% on ${promo.sku ?? t.category} in ${t.location?.name ?? t.region}. `,
        count > 0 ? link(plural(count, "store-SKU"), href) : "No store-SKU",
        count > 0 ? " cannot cover the lift yet, with " : " is flagged as unable to cover the lift.",
        count > 0 ? link(money(readiness._sum.moneyAtRisk ?? 0), href) : null,
        count > 0 ? " at risk." : null,
      ),
      items: [],
      primaryHref: href,
    };
  }
  const period = e.period ?? { from: ctx.today, to: ctx.today, label: "today" };
  const promos = (
    await ctx.db.promotion.findMany({
      where: { startDate: { lte: new Date(`${period.to}T00:00:00Z`) }, endDate: { gte: new Date(`${period.from}T00:00:00Z`) } },
      orderBy: [{ startDate: "asc" }, { code: "asc" }],
    })
  ).filter((p) => isVisible(ctx, p));
  const href = queueHref({ type: ["promotion_readiness"] });
  if (promos.length === 0) return { status: "empty", sentence: sentence(`No promotions in your scope run ${period.label} (${period.from} – ${period.to}).`), primaryHref: href };
  return {
    status: "answered",
    sentence: sentence(link(plural(promos.length, "promotion"), href), ` in your scope run ${period.label} (${period.from} – ${period.to}).`),
    items: promos.slice(0, 8).map((p) => {
      const t = promotionTarget(ctx, p);
      return {
        label: `${p.code} · ${p.name}`,
        detail: `${dayOf(p.startDate)} – ${dayOf(p.endDate)}, +${Math.round(p.expectedUplift * 100)}% on ${p.sku ?? t.category} in ${t.location?.name ?? t.region}`,
        href: queueHref({ type: ["promotion_readiness"], category: t.category ? [t.category] : [], region: t.region ? [t.region] : [] }),
      };
    }),
    primaryHref: href,
  };
}
