import { buildDemoNetwork } from "@/lib/demo/build-demo-network";
import { PLANTED } from "@/lib/demo/demo-scenarios";
import { DEMO_SIZES } from "@/lib/demo/demo-sizes";
import type { CopilotCatalog } from "../copilot.types";

/**
 * The medium demo retailer's master data as a catalog (2 regions, 43 locations, 400 SKUs, 12
 * suppliers): the names people see in the demo, with enough near-duplicates to test linking.
 */
export function demoCatalog(): CopilotCatalog {
  const network = buildDemoNetwork(DEMO_SIZES.medium, 1);
  return {
    locations: network.locations.map((l) => ({ code: l.code, name: l.name, region: l.region })),
    products: network.products.map((p) => ({ sku: p.sku, name: p.name, category: p.category.category })),
    suppliers: network.suppliers.map((s) => ({ code: s.code, name: s.name })),
    promotions: [
      { code: PLANTED.promoSpike.regionPromoCode, name: "Skincare event North" },
      { code: PLANTED.promoSpike.onlinePromoCode, name: "Skincare event online" },
      { code: PLANTED.upcomingPromo.code, name: "Outerwear launch North" },
      { code: "PROMO-H001", name: "Holiday gifts" },
    ],
    regions: [...new Set(network.locations.map((l) => l.region))].sort(),
    categories: [...new Set(network.products.map((p) => p.category.category))].sort(),
  };
}
