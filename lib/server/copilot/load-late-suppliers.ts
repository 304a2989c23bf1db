import "server-only";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db";
import type { ScopedActor } from "../../contracts/permissions";
import { locationScopeWhere, productScopeWhere } from "../permissions/scope";
import { MS_PER_DAY } from "../../engine/calendar";

export interface LateSupplier {
  supplierId: number;
  code: string;
  name: string;
  /** Open or partly received POs past their promised date. */
  latePurchaseOrders: number;
  /** Mean days past the promise of those POs. */
  meanDaysLate: number;
  oldestLatePo: string | null;
  delayExceptions: number;
  moneyAtRisk: number;
}

/**
 * Only POs promised in the last 8 weeks count as slipping: one open for months is a stale record
 * (the plan already treats it as a confirm-or-cancel item), not news about the supplier.
 */
const LATE_WINDOW_DAYS = 56;

/**
 * Suppliers slipping, in the actor's scope: POs to the actor's locations, holding the actor's
 * categories, still open past a promise of the last 8 weeks on `asOf`; plus the open supplier-delay exceptions the
 * plan raised for them. Worst first (money at risk, then late POs).
 */
export async function loadLateSuppliers(
  db: Db,
  actor: ScopedActor,
  asOf: Date,
  filter: { supplierIds?: number[]; categories?: string[]; exceptionWhere: Prisma.ExceptionWhereInput },
): Promise<LateSupplier[]> {
  const products: Prisma.ProductWhereInput = { AND: [productScopeWhere(actor), ...(filter.categories?.length ? [{ category: { in: filter.categories } }] : [])] };
  const [pos, delays] = await Promise.all([
    db.purchaseOrder.findMany({
      where: {
        status: { in: ["OPEN", "PARTIAL"] },
        promisedAt: { lt: asOf, gte: new Date(asOf.getTime() - LATE_WINDOW_DAYS * MS_PER_DAY) },
        destination: locationScopeWhere(actor),
        lines: { some: { product: products } },
        ...(filter.supplierIds?.length ? { supplierId: { in: filter.supplierIds } } : {}),
      },
      select: { poNumber: true, supplierId: true, promisedAt: true },
      orderBy: { promisedAt: "asc" },
    }),
    db.exception.groupBy({
      by: ["supplierId"],
      where: { AND: [filter.exceptionWhere, { type: "supplier_delay" }] },
      _count: { _all: true },
      _sum: { moneyAtRisk: true },
    }),
  ]);
  const bySupplier = new Map<number, Omit<LateSupplier, "code" | "name">>();
  const entry = (supplierId: number) => {
    let e = bySupplier.get(supplierId);
    if (!e) bySupplier.set(supplierId, (e = { supplierId, latePurchaseOrders: 0, meanDaysLate: 0, oldestLatePo: null, delayExceptions: 0, moneyAtRisk: 0 }));
    return e;
  };
  for (const po of pos) {
    const e = entry(po.supplierId);
    const late = Math.max(0, Math.round((asOf.getTime() - po.promisedAt.getTime()) / MS_PER_DAY));
    e.meanDaysLate = (e.meanDaysLate * e.latePurchaseOrders + late) / (e.latePurchaseOrders + 1);
    e.latePurchaseOrders++;
    e.oldestLatePo ??= po.poNumber;
  }
  for (const d of delays) {
    if (d.supplierId === null) continue;
    const e = entry(d.supplierId);
    e.delayExceptions = d._count._all;
    e.moneyAtRisk = d._sum.moneyAtRisk ?? 0;
  }
  const suppliers = await db.supplier.findMany({ where: { id: { in: [...bySupplier.keys()] } }, select: { id: true, code: true, name: true } });
  return suppliers
    .map((s) => ({ ...bySupplier.get(s.id)!, code: s.code, name: s.name }))
    .sort((a, b) => b.moneyAtRisk - a.moneyAtRisk || b.latePurchaseOrders - a.latePurchaseOrders || a.code.localeCompare(b.code));
}
