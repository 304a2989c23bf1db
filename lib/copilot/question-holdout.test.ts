/**
 * Second phrasing set, written after the lexicon was tuned on question-corpus.test.ts. Its first
 * measurement, before it influenced anything, was the honest held-out estimate: 24/30 exact (80 %).
 * Six cue phrases were then added for its misses ("tackle", "revenue at risk", "sell", "forecast
 * error", "approvals by", "current stock"), so it is now a regression set like the corpus, not a
 * held-out one.
 */
import { describe, expect, it } from "vitest";
import type { CopilotIntent, QuestionEntities } from "./copilot.types";
import { buildEntityIndex } from "./entity-index";
import { parseQuestion } from "./parse-question";
import { demoCatalog } from "./testing/demo-catalog";

const TODAY = "2026-11-30";
const index = buildEntityIndex(demoCatalog());

interface Case {
  q: string;
  intent: CopilotIntent;
  e?: Partial<Pick<QuestionEntities, "locations" | "regions" | "products" | "categories" | "suppliers" | "exceptionTypes" | "deciderRole" | "decisionKind">>;
}

const HOLDOUT: Case[] = [
  { q: "anything urgent for me this morning?", intent: "top_priorities" },
  { q: "which items should I tackle first in Bedding", intent: "top_priorities", e: { categories: ["Bedding"] } },
  { q: "give me the top risks at North City 13", intent: "top_priorities", e: { locations: ["S013"] } },
  { q: "why are we short on Field winter boots sand at S009?", intent: "explain_exception", e: { products: ["SKU0038"], locations: ["S009"], exceptionTypes: ["stockout"] } },
  { q: "explain why South Park 22 has too much stock of cookware", intent: "explain_exception", e: { locations: ["S022"], categories: ["Cookware"], exceptionTypes: ["excess"] } },
  { q: "what is the reason for the alert on SKU0201 in DC02", intent: "explain_exception", e: { products: ["SKU0201"], locations: ["DC02"] } },
  { q: "are any vendors behind on deliveries?", intent: "late_suppliers" },
  { q: "how late is Meridian Trading", intent: "late_suppliers", e: { suppliers: ["SUP05"], exceptionTypes: ["supplier_delay"] } },
  { q: "total money at risk for the North region", intent: "money_at_risk", e: { regions: ["North"] } },
  { q: "what's our exposure on garden items", intent: "money_at_risk", e: { categories: ["Garden"] } },
  { q: "how much revenue is at risk from excess stock", intent: "money_at_risk", e: { exceptionTypes: ["excess"] } },
  { q: "what's different since last week", intent: "changes_since" },
  { q: "new alerts since friday", intent: "changes_since" },
  { q: "show me overstock in the south", intent: "list_exceptions", e: { exceptionTypes: ["excess"], regions: ["South"] } },
  { q: "stockouts coming up in Fragrance", intent: "list_exceptions", e: { exceptionTypes: ["stockout"], categories: ["Fragrance"] } },
  { q: "inventory accuracy issues at S004", intent: "list_exceptions", e: { exceptionTypes: ["inventory_inaccuracy"], locations: ["S004"] } },
  { q: "Camping in the South", intent: "list_exceptions", e: { categories: ["Camping"], regions: ["South"] } },
  { q: "what will SKU0077 sell next week at South City 8", intent: "forecast", e: { products: ["SKU0077"], locations: ["S008"] } },
  { q: "expected demand for sneakers over the next 2 weeks", intent: "forecast", e: { categories: ["Sneakers"] } },
  { q: "forecast error for the Online store", intent: "forecast_accuracy", e: { locations: ["ECOM01"] } },
  { q: "is the forecast accurate for Decor", intent: "forecast_accuracy", e: { categories: ["Decor"] } },
  { q: "which actions did finance reject this week", intent: "decisions_made", e: { deciderRole: "finance", decisionKind: "reject" } },
  { q: "show approvals by store managers today", intent: "decisions_made", e: { deciderRole: "store_manager" } },
  { q: "do I have anything to approve?", intent: "approvals_waiting", e: { decisionKind: "approve" } },
  { q: "what's pending my sign off", intent: "approvals_waiting" },
  { q: "current stock of SKU0150 at North Park 15", intent: "stock_on_hand", e: { products: ["SKU0150"], locations: ["S015"] } },
  { q: "how many units of Urban jeans are on hand in the South", intent: "stock_on_hand", e: { products: ["SKU0004", "SKU0134", "SKU0264", "SKU0394"], regions: ["South"] } },
  { q: "open POs for Orchid Supply", intent: "purchase_order_status", e: { suppliers: ["SUP08"] } },
  { q: "is the Outerwear launch North promo on track", intent: "promotion_status" },
  { q: "what's the capital of France", intent: "unknown" },
];

const FIELDS = ["locations", "regions", "products", "categories", "suppliers", "exceptionTypes"] as const;

describe("held-out phrasings", () => {
  it("reads at least 90 % of the second set exactly (score printed)", () => {
    let exact = 0;
    for (const c of HOLDOUT) {
      const parsed = parseQuestion(c.q, index, TODAY);
      const e = c.e ?? {};
      const entitiesOk =
        FIELDS.every((f) => JSON.stringify([...parsed.entities[f]].sort()) === JSON.stringify([...(e[f] ?? [])].sort())) &&
        (e.deciderRole === undefined || parsed.entities.deciderRole === e.deciderRole) &&
        (e.decisionKind === undefined || parsed.entities.decisionKind === e.decisionKind);
      if (parsed.intent === c.intent && entitiesOk) exact++;
      else console.log(`HOLDOUT MISS "${c.q}": ${parsed.intent} ${JSON.stringify(parsed.entities)}`);
    }
    console.log(`copilot held-out: ${exact}/${HOLDOUT.length} exact (${((100 * exact) / HOLDOUT.length).toFixed(1)} %)`);
    expect(exact / HOLDOUT.length).toBeGreaterThanOrEqual(HOLDOUT_BAR);
  });
});

const HOLDOUT_BAR = 0.9;
