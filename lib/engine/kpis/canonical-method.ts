import { STOPPED_SUFFIX } from "../types";

/**
 * A forecast method's name with a combination's members in alphabetical order: the fit lists them
 * as it ranked them, but the model mix counts the combination, whatever the order.
 * "mean(ses+adida+tsb)" → "mean(adida + ses + tsb)"; a stopped series keeps its suffix ("… after a stop").
 */
export function canonicalMethod(method: string): string {
  const suffix = method.endsWith(STOPPED_SUFFIX) ? STOPPED_SUFFIX : "";
  const combination = /^(\w+)\((.*)\)$/.exec(method.slice(0, method.length - suffix.length));
  return combination ? `${combination[1]}(${combination[2]!.split("+").map((m) => m.trim()).sort().join(" + ")})${suffix}` : method;
}
