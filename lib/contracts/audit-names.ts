/** Fields in audit before/after values that hold an id, and the kind of record each names. */
export const AUDIT_ID_FIELDS = {
  productId: "Product",
  locationId: "Location",
  sourceLocationId: "Location",
  destLocationId: "Location",
  destinationLocationId: "Location",
  supplierId: "Supplier",
  assigneeId: "User",
  userId: "User",
  createdById: "User",
  decidedById: "User",
  modifiedById: "User",
  requestedById: "User",
  proposedById: "User",
  exceptionId: "Exception",
  recommendationId: "Recommendation",
} as const;

/** Key of a record in an audit page's names map, e.g. "Product:63". */
export const nameKey = (kind: string, id: string | number) => `${kind}:${id}`;

/** The name of the record an id-valued audit field points at, if the page carries it. */
export function auditFieldName(names: Record<string, string>, path: string, value: unknown): string | null {
  const field = path.split(".").at(-1) ?? path;
  const kind = (AUDIT_ID_FIELDS as Record<string, string>)[field];
  if (!kind || (typeof value !== "string" && typeof value !== "number")) return null;
  return names[nameKey(kind, value)] ?? null;
}
