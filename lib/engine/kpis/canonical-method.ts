/**
 * A forecast method's name with a combination's members in alphabetical order: the fit lists them
 * as it ranked them, but the model mix counts the combination, whatever the order.
 * "mean(ses+adida+tsb)" → "mean(adida + ses + tsb)".
 */
export function canonicalMethod(method: string): string {
  const combination = /^(\w+)\((.*)\)$/.exec(method);
  return combination ? `${combination[1]}(${combination[2]!.split("+").map((m) => m.trim()).sort().join(" + ")})` : method;
}
