import "server-only";
import type { Db } from "../db";
import { MS_PER_DAY } from "../../engine/calendar";
import { scoreSupplier, type SupplierLineRecord } from "../../engine/suppliers/score-supplier";
import { storeScopeLocationIds } from "../exceptions/list-exceptions";
import { exceptionScopeWhere } from "../governance/exception-scope";
import { SUPPLIER_ACTION_TYPES } from "../../contracts/governance";
import type { ScopedActor } from "../../contracts/permissions";
import { locationScopeWhere, productScopeWhere } from "../permissions/scope";
import type { TSupplierScorecards } from "../../contracts/suppliers";

/** A year of orders is enough for a delivery record and keeps the read bounded on a large network. */
const HISTORY_DAYS = 365;

/** Recommendation states that still wait for a person. */
const WAITING = ["proposed", "pending"];

/**
 * The suppliers of the products in the viewer's scope, each with its open exceptions (and how many
 * carry supplier or PO work) and a delivery scorecard computed from the purchase orders to the
 * viewer's locations: on-time rate, lead time against the promise (median, spread, trend), fill
 * rate and open late orders. Suppliers with open work come first, most money at risk first.
 */
export async function listSupplierScorecards(db: Db, actor: ScopedActor): Promise<TSupplierScorecards> {
  const latestPlan = await db.planRun.findFirst({ where: { status: "succeeded" }, orderBy: { asOf: "desc" }, select: { asOf: true } });
  const asOf = latestPlan?.asOf ?? new Date();
  const productScope = productScopeWhere(actor);
  const exceptionScope = exceptionScopeWhere(actor, await storeScopeLocationIds(db, actor));

  const [suppliers, lines, exceptions] = await Promise.all([
    db.supplier.findMany({ where: { products: { some: productScope } }, select: { id: true, code: true, name: true, promisedLeadTimeDays: true } }),
    db.purchaseOrderLine.findMany({
      where: {
        product: productScope,
        purchaseOrder: { destination: locationScopeWhere(actor), orderedAt: { gte: new Date(asOf.getTime() - HISTORY_DAYS * MS_PER_DAY) } },
      },
      select: {
        qtyOrdered: true,
        qtyReceived: true,
        receivedAt: true,
        purchaseOrder: { select: { poNumber: true, supplierId: true, orderedAt: true, promisedAt: true, status: true } },
      },
    }),
    db.exception.findMany({
      where: { AND: [exceptionScope, { status: "open", supplierId: { not: null } }] },
      select: {
        supplierId: true,
        moneyAtRisk: true,
        recommendations: { where: { status: { in: WAITING }, actionType: { in: [...SUPPLIER_ACTION_TYPES] } }, select: { id: true }, take: 1 },
      },
    }),
  ]);

  const linesBySupplier = new Map<number, SupplierLineRecord[]>();
  for (const line of lines) {
    const po = line.purchaseOrder;
    const list = linesBySupplier.get(po.supplierId) ?? [];
    list.push({
      poNumber: po.poNumber,
      orderedAt: po.orderedAt.getTime(),
      promisedAt: po.promisedAt.getTime(),
      qtyOrdered: line.qtyOrdered,
      qtyReceived: line.qtyReceived,
      receivedAt: line.receivedAt?.getTime() ?? null,
      poStatus: po.status,
    });
    linesBySupplier.set(po.supplierId, list);
  }
  const work = new Map<number, { openExceptions: number; moneyAtRisk: number; openSupplierWork: number }>();
  for (const exception of exceptions) {
    const entry = work.get(exception.supplierId!) ?? { openExceptions: 0, moneyAtRisk: 0, openSupplierWork: 0 };
    entry.openExceptions += 1;
    entry.moneyAtRisk += exception.moneyAtRisk;
    if (exception.recommendations.length > 0) entry.openSupplierWork += 1;
    work.set(exception.supplierId!, entry);
  }

  const scorecards = suppliers.map((supplier) => ({
    code: supplier.code,
    name: supplier.name,
    ...(work.get(supplier.id) ?? { openExceptions: 0, moneyAtRisk: 0, openSupplierWork: 0 }),
    ...scoreSupplier(linesBySupplier.get(supplier.id) ?? [], supplier.promisedLeadTimeDays, asOf.getTime()),
  }));
  const hasWork = (card: { openSupplierWork: number }) => (card.openSupplierWork > 0 ? 1 : 0);
  scorecards.sort((a, b) => hasWork(b) - hasWork(a) || b.moneyAtRisk - a.moneyAtRisk || a.name.localeCompare(b.name));
  return { asOf: asOf.toISOString().slice(0, 10), suppliers: scorecards };
}
