import "server-only";
import type { DbTransaction } from "../db";

export interface LocationRef {
  id: number;
  /** Dense 0-based position, for bitset keys. */
  index: number;
  type: string;
}

export interface ProductRef {
  id: number;
  index: number;
}

/**
 * The code → id maps later files resolve their references with, read inside the import transaction
 * so rows written by earlier files of the same batch are visible. Only codes and ids are kept in
 * memory; a file that changes a table calls `invalidate()` so the next reader reloads it.
 */
export class ReferenceData {
  private locationsByCode: Promise<Map<string, LocationRef>> | null = null;
  private suppliersByCode: Promise<Map<string, number>> | null = null;
  private productsBySku: Promise<Map<string, ProductRef>> | null = null;
  private categorySet: Promise<Set<string>> | null = null;
  private regionSet: Promise<Set<string>> | null = null;

  constructor(private readonly tx: DbTransaction) {}

  invalidate(): void {
    this.locationsByCode = this.suppliersByCode = this.productsBySku = null;
    this.categorySet = this.regionSet = null;
  }

  locations(): Promise<Map<string, LocationRef>> {
    this.locationsByCode ??= this.tx.location
      .findMany({ select: { id: true, code: true, type: true }, orderBy: { id: "asc" } })
      .then((rows) => new Map(rows.map((row, index) => [row.code, { id: row.id, index, type: row.type }])));
    return this.locationsByCode;
  }

  suppliers(): Promise<Map<string, number>> {
    this.suppliersByCode ??= this.tx.supplier
      .findMany({ select: { id: true, code: true } })
      .then((rows) => new Map(rows.map((row) => [row.code, row.id])));
    return this.suppliersByCode;
  }

  products(): Promise<Map<string, ProductRef>> {
    this.productsBySku ??= this.tx.product
      .findMany({ select: { id: true, sku: true }, orderBy: { id: "asc" } })
      .then((rows) => new Map(rows.map((row, index) => [row.sku, { id: row.id, index }])));
    return this.productsBySku;
  }

  categories(): Promise<Set<string>> {
    this.categorySet ??= this.tx.product
      .findMany({ select: { category: true }, distinct: ["category"] })
      .then((rows) => new Set(rows.map((row) => row.category)));
    return this.categorySet;
  }

  regions(): Promise<Set<string>> {
    this.regionSet ??= this.tx.location
      .findMany({ select: { region: true }, distinct: ["region"] })
      .then((rows) => new Set(rows.map((row) => row.region)));
    return this.regionSet;
  }
}
