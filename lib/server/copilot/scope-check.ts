import "server-only";
import type { QuestionEntities } from "@/lib/copilot/copilot.types";
import { isRole, ROLE_DEFINITIONS } from "../../contracts/permissions";
import type { ScopedActor } from "../../contracts/permissions";
import type { CatalogLocation, LoadedCatalog } from "./load-copilot-catalog";

const values = (actor: ScopedActor, kind: string) => actor.scopes.filter((s) => s.kind === kind).map((s) => s.value);

function reachOf(actor: ScopedActor) {
  return isRole(actor.role) ? ROLE_DEFINITIONS[actor.role].reach : { locations: true, products: true };
}

/** The same rule as the queue's scope filter, for one location: its region or the store itself. */
export function canSeeLocation(actor: ScopedActor, location: Pick<CatalogLocation, "code" | "region">): boolean {
  const reach = reachOf(actor);
  if (reach === "global" || !reach.locations) return true;
  return values(actor, "REGION").includes(location.region) || values(actor, "STORE").includes(location.code);
}

export function canSeeCategory(actor: ScopedActor, category: string): boolean {
  const reach = reachOf(actor);
  if (reach === "global" || !reach.products) return true;
  return values(actor, "CATEGORY").includes(category);
}

/** A region is in scope when the actor has it, or one of its stores. */
export function canSeeRegion(actor: ScopedActor, region: string, loaded: LoadedCatalog): boolean {
  const reach = reachOf(actor);
  if (reach === "global" || !reach.locations) return true;
  if (values(actor, "REGION").includes(region)) return true;
  return values(actor, "STORE").some((code) => loaded.locationsByCode.get(code)?.region === region);
}

/**
 * Why the question reaches outside the asker's scope — "S005 (North Park 5) is not one of your
 * stores." — one sentence per name, or none when everything it named is theirs to see.
 */
export function scopeRefusals(actor: ScopedActor, entities: QuestionEntities, loaded: LoadedCatalog): string[] {
  const refusals: string[] = [];
  const storeWord = values(actor, "REGION").length > 0 ? "locations" : "stores";
  for (const code of entities.locations) {
    const location = loaded.locationsByCode.get(code);
    if (location && !canSeeLocation(actor, location)) refusals.push(`${code} (${location.name}) is not one of your ${storeWord}.`);
  }
  for (const region of entities.regions) if (!canSeeRegion(actor, region, loaded)) refusals.push(`Region ${region} is not in your scope.`);
  for (const category of entities.categories) if (!canSeeCategory(actor, category)) refusals.push(`${category} is not one of your categories.`);
  const hiddenProducts = entities.products.flatMap((sku) => {
    const product = loaded.productsBySku.get(sku);
    return product && !canSeeCategory(actor, product.category) ? [product] : [];
  });
  if (hiddenProducts.length > 0 && hiddenProducts.length === entities.products.length) {
    const first = hiddenProducts[0]!;
    refusals.push(
      hiddenProducts.length === 1
        ? `${first.sku} (${first.name}) is in ${first.category}, which is not one of your categories.`
        : `Those ${hiddenProducts.length} products are in ${[...new Set(hiddenProducts.map((p) => p.category))].join(", ")}, not one of your categories.`,
    );
  }
  return refusals;
}
