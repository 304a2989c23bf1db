/** Series ids are `${locationId}|${sku}` throughout the plan. */
export function seriesKey(locationId: string, sku: string): string {
  return `${locationId}|${sku}`;
}

/** Code-unit order, so results never depend on locale or on the order of the snapshot's arrays. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function groupBy<Item>(items: readonly Item[], key: (item: Item) => string): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
