import "server-only";
import type { UserActor } from "../actor";
import type { CopilotIntent, TAskRequest, TAskResponse } from "@/lib/copilot/copilot.types";
import { COPILOT_INTENTS } from "@/lib/copilot/copilot.types";
import { noEntities, parseQuestion } from "@/lib/copilot/parse-question";
import { suggestQuestions, type SuggestionSamples } from "@/lib/copilot/suggest-questions";
import type { Db } from "../db";
import { can } from "../../contracts/permissions";
import { answerApprovalsWaiting } from "./answer-approvals-waiting";
import { answerChanges } from "./answer-changes";
import { answerDecisionsMade } from "./answer-decisions-made";
import { answerExplainException } from "./answer-explain-exception";
import { answerForecast } from "./answer-forecast";
import { answerForecastAccuracy } from "./answer-forecast-accuracy";
import { answerLateSuppliers } from "./answer-late-suppliers";
import { answerListExceptions } from "./answer-list-exceptions";
import { answerMoneyAtRisk } from "./answer-money-at-risk";
import { answerPromotions } from "./answer-promotions";
import { answerPurchaseOrders } from "./answer-purchase-orders";
import { answerStockOnHand } from "./answer-stock-on-hand";
import { answerServiceLevel } from "./answer-service-level";
import { answerTopPriorities } from "./answer-top-priorities";
import { describeEntities, exceptionWhere, sentence, type AskContext, type IntentAnswerer } from "./ask-context";
import { loadCopilotCatalog } from "./load-copilot-catalog";
import { canSeeCategory, canSeeLocation, scopeRefusals } from "./scope-check";

const ANSWERERS: Record<Exclude<CopilotIntent, "unknown">, IntentAnswerer> = {
  top_priorities: answerTopPriorities,
  explain_exception: answerExplainException,
  late_suppliers: answerLateSuppliers,
  money_at_risk: answerMoneyAtRisk,
  changes_since: answerChanges,
  list_exceptions: answerListExceptions,
  forecast: answerForecast,
  forecast_accuracy: answerForecastAccuracy,
  service_level: answerServiceLevel,
  decisions_made: answerDecisionsMade,
  approvals_waiting: answerApprovalsWaiting,
  stock_on_hand: answerStockOnHand,
  purchase_order_status: answerPurchaseOrders,
  promotion_status: answerPromotions,
};

/** Intents worth suggesting to this asker (no approvals inbox for someone who approves nothing). */
function answerableIntents(actor: UserActor): CopilotIntent[] {
  return COPILOT_INTENTS.filter((i) => i !== "unknown" && (i !== "approvals_waiting" || can(actor.role, "decisions.approve")));
}

/** Names from the asker's own scope to fill example questions with: the top open exception's product and place first. */
async function suggestionSamples(ctx: AskContext): Promise<SuggestionSamples> {
  const top = await ctx.db.exception.findFirst({ where: exceptionWhere(ctx, noEntities()), orderBy: [{ score: "desc" }, { id: "asc" }], select: { locationId: true, productId: true, region: true, category: true, supplierId: true } });
  const locations = [...ctx.loaded.locationsById.values()].filter((l) => l.type === "STORE" && canSeeLocation(ctx.actor, l));
  const categories = ctx.loaded.catalog.categories.filter((c) => canSeeCategory(ctx.actor, c));
  const location = top ? ctx.loaded.locationsById.get(top.locationId) : locations[0];
  return {
    location: location?.code ?? null,
    product: top ? (ctx.loaded.productsById.get(top.productId)?.sku ?? null) : null,
    region: top?.region ?? location?.region ?? null,
    category: top?.category ?? categories[0] ?? null,
    supplier: (top?.supplierId ? ctx.loaded.suppliersById.get(top.supplierId)?.code : undefined) ?? ctx.loaded.catalog.suppliers[0]?.code ?? null,
    promotion: ctx.loaded.catalog.promotions[0]?.code ?? null,
  };
}

/**
 * Answers a question in plain words for one asker: reads it with the language layer, refuses names
 * outside the asker's scope ("S005 is not one of your stores"), answers from the database within the
 * scope with every number linked to the page that shows it, and offers the closest answerable
 * questions when it cannot answer. Never throws for a question it does not understand.
 */
export async function answerQuestion(db: Db, actor: UserActor, request: TAskRequest, now: Date = new Date()): Promise<TAskResponse> {
  const loaded = await loadCopilotCatalog(db);
  const today = now.toISOString().slice(0, 10);
  const parsed = parseQuestion(request.question, loaded.index, today);
  const latest = await db.planRun.findFirst({ where: { status: "succeeded", scope: null }, orderBy: { finishedAt: "desc" }, select: { id: true, asOf: true, finishedAt: true } });
  const ctx: AskContext = {
    db,
    actor,
    loaded,
    today,
    now,
    latestRun: latest ? { id: latest.id, asOf: latest.asOf.toISOString().slice(0, 10), finishedAt: latest.finishedAt } : null,
    pageExceptionId: request.exceptionId ?? null,
  };
  const understood = describeEntities(ctx, parsed.entities);
  const allowed = answerableIntents(actor);

  if (parsed.intent === "unknown") {
    return {
      status: "not_understood",
      intent: "unknown",
      sentence: sentence("I can't answer that yet. The closest questions I can answer:"),
      items: [],
      primaryHref: null,
      understood,
      suggestions: suggestQuestions(parsed, await suggestionSamples(ctx), allowed),
    };
  }
  const refusals = scopeRefusals(actor, parsed.entities, loaded);
  if (refusals.length > 0) {
    const inScope = { ...parsed, entities: { ...parsed.entities, locations: [], regions: [], categories: [], products: [] } };
    return {
      status: "out_of_scope",
      intent: parsed.intent,
      sentence: sentence(refusals.join(" ")),
      items: [],
      primaryHref: null,
      understood,
      suggestions: suggestQuestions(inScope, await suggestionSamples(ctx), allowed),
    };
  }
  const draft = await ANSWERERS[parsed.intent](ctx, parsed);
  return {
    status: draft.status,
    intent: parsed.intent,
    sentence: draft.sentence,
    items: draft.items ?? [],
    primaryHref: draft.primaryHref ?? null,
    understood,
    suggestions: draft.status === "empty" ? suggestQuestions(parsed, await suggestionSamples(ctx), allowed.filter((i) => i !== parsed.intent)) : [],
  };
}
