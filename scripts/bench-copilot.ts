/**
 * Language-layer speed on the large demo catalog (405 locations, 3,000 SKUs, 40 suppliers): index
 * build time, then every corpus-style question parsed many times; prints per-question percentiles.
 */
import { performance } from "node:perf_hooks";
import type { CopilotCatalog } from "../lib/copilot/copilot.types";
import { buildEntityIndex } from "../lib/copilot/entity-index";
import { parseQuestion } from "../lib/copilot/parse-question";
import { buildDemoNetwork } from "../lib/demo/build-demo-network";
import { DEMO_SIZES } from "../lib/demo/demo-sizes";

const QUESTIONS = [
  "what should I do first today?",
  "why is Urban jeans at North City 1 at risk?",
  "which suppliers are late this week?",
  "money at risk in North outerwear",
  "what changed since yesterday?",
  "stock-outs in the North region next week",
  "forecast for SKU0038 at S007",
  "how accurate is the forecast for Boots?",
  "what did finance approve today?",
  "what is waiting for my approval?",
  "why is nort park 5 runnning out of urban jeans",
  "stokouts in the nroth next two weeks",
];
const ROUNDS = 200;

const network = buildDemoNetwork(DEMO_SIZES.large, 1);
const catalog: CopilotCatalog = {
  locations: network.locations.map((l) => ({ code: l.code, name: l.name, region: l.region })),
  products: network.products.map((p) => ({ sku: p.sku, name: p.name, category: p.category.category })),
  suppliers: network.suppliers.map((s) => ({ code: s.code, name: s.name })),
  promotions: [],
  regions: [...new Set(network.locations.map((l) => l.region))],
  categories: [...new Set(network.products.map((p) => p.category.category))],
};
let started = performance.now();
const index = buildEntityIndex(catalog);
const buildMs = performance.now() - started;

const times: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const question of QUESTIONS) {
    started = performance.now();
    parseQuestion(question, index, "2026-11-30");
    times.push(performance.now() - started);
  }
}
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
console.log(`catalog: ${catalog.locations.length} locations, ${catalog.products.length} SKUs, ${catalog.suppliers.length} suppliers; ${index.vocabulary.length} distinct name words`);
console.log(`index build: ${buildMs.toFixed(1)} ms`);
console.log(`parseQuestion over ${times.length} parses: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${times[times.length - 1]!.toFixed(2)} ms`);
