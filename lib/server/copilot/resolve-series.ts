import "server-only";
import type { QuestionEntities } from "@/lib/copilot/copilot.types";
import type { AskContext } from "./ask-context";
import type { CatalogLocation, CatalogProduct } from "./load-copilot-catalog";
import { canSeeCategory, canSeeLocation } from "./scope-check";

/**
 * The locations × products a forecast or stock question covers: what it named (SKUs or categories;
 * stores or regions), narrowed to the asker's scope. No place named = every location in scope.
 */
export function resolveSeries(ctx: AskContext, entities: QuestionEntities): { locations: CatalogLocation[]; products: CatalogProduct[] } {
  const all = [...ctx.loaded.locationsById.values()];
  let locations = entities.locations.length > 0 ? entities.locations.flatMap((c) => ctx.loaded.locationsByCode.get(c) ?? []) : all;
  if (entities.regions.length > 0 && entities.locations.length === 0) locations = all.filter((l) => entities.regions.includes(l.region));
  locations = locations.filter((l) => canSeeLocation(ctx.actor, l));
  const products =
    entities.products.length > 0
      ? entities.products.flatMap((s) => ctx.loaded.productsBySku.get(s) ?? [])
      : entities.categories.length > 0
        ? [...ctx.loaded.productsById.values()].filter((p) => entities.categories.includes(p.category))
        : [];
  return { locations, products: products.filter((p) => canSeeCategory(ctx.actor, p.category)) };
}
