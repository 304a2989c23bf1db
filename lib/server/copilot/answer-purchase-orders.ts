import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { formatUnits } from "@/lib/contracts/format";
import { locationScopeWhere, productScopeWhere } from "../permissions/scope";
import { link, plural, queueHref, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { referenceDay } from "./answer-late-suppliers";
import { MS_PER_DAY } from "../../engine/calendar";

const SHOWN = 8;

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * "Where is PO…?" / "open POs from Harbor Trading": a named PO's promise, receipts and lateness, or a
 * supplier's open POs. Only POs to the asker's locations holding their categories are visible; any
 * other PO is answered as not found.
 */
export async function answerPurchaseOrders(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  const e = parsed.entities;
  const visible = { destination: locationScopeWhere(ctx.actor), lines: { some: { product: productScopeWhere(ctx.actor) } } };
  const today = referenceDay(ctx);
  if (e.purchaseOrders.length > 0) {
    const number = e.purchaseOrders[0]!;
    const po = await ctx.db.purchaseOrder.findFirst({
      where: { AND: [{ poNumber: number }, visible] },
      include: { supplier: true, destination: true, lines: true },
    });
    if (!po) return { status: "empty", sentence: sentence(`I can't find purchase order ${number} among the POs in your scope.`), primaryHref: null };
    const ordered = po.lines.reduce((s, l) => s + l.qtyOrdered, 0);
    const received = po.lines.reduce((s, l) => s + l.qtyReceived, 0);
    const late = Math.round((today.getTime() - po.promisedAt.getTime()) / MS_PER_DAY);
    const open = po.status === "OPEN" || po.status === "PARTIAL";
    const href = queueHref({ supplier: [po.supplier.code], type: ["supplier_delay"] });
    return {
      status: "answered",
      sentence: sentence(
        `${po.poNumber} from ${po.supplier.name} (${po.supplier.code}) to ${po.destination.name}: ${po.status.toLowerCase()}, promised ${dayOf(po.promisedAt)}`,
        open && late > 0 ? " — " : "",
        open && late > 0 ? link(`${plural(late, "day")} late`, href) : "",
        "; ",
        link(`${formatUnits(received)} of ${formatUnits(ordered)} units`, href),
        ` received over ${plural(po.lines.length, "line")}.`,
      ),
      items: po.lines.slice(0, SHOWN).map((l) => ({
        label: `Line ${l.lineNo} · ${ctx.loaded.productsById.get(l.productId)?.sku ?? l.productId}`,
        detail: `${formatUnits(l.qtyReceived)} of ${formatUnits(l.qtyOrdered)} received${l.receivedAt ? ` (last ${dayOf(l.receivedAt)})` : ""}`,
        href,
      })),
      primaryHref: href,
    };
  }
  const supplierIds = e.suppliers.flatMap((c) => ctx.loaded.suppliersByCode.get(c)?.id ?? []);
  const where = { AND: [visible, { status: { in: ["OPEN", "PARTIAL"] } }, ...(supplierIds.length ? [{ supplierId: { in: supplierIds } }] : [])] };
  const [count, late, rows] = await Promise.all([
    ctx.db.purchaseOrder.count({ where }),
    ctx.db.purchaseOrder.count({ where: { AND: [where, { promisedAt: { lt: today } }] } }),
    ctx.db.purchaseOrder.findMany({ where, orderBy: [{ promisedAt: "asc" }, { id: "asc" }], take: SHOWN, include: { supplier: true, destination: true } }),
  ]);
  const href = queueHref({ supplier: e.suppliers, type: ["supplier_delay"] });
  const whose = e.suppliers.length ? ` from ${e.suppliers.map((c) => ctx.loaded.suppliersByCode.get(c)?.name ?? c).join(", ")}` : "";
  if (count === 0) return { status: "empty", sentence: sentence(`No purchase orders${whose} are open in your scope.`), primaryHref: href };
  return {
    status: "answered",
    sentence: sentence(link(plural(count, "open purchase order"), href), whose, " in your scope; ", link(`${late} past their promised date`, href), "."),
    items: rows.map((po) => ({
      label: `${po.poNumber} · ${po.supplier.name} → ${po.destination.name}`,
      detail: `${po.status.toLowerCase()}, promised ${dayOf(po.promisedAt)}${po.promisedAt < today ? ` (${Math.round((today.getTime() - po.promisedAt.getTime()) / MS_PER_DAY)} d late)` : ""}`,
      href,
    })),
    primaryHref: href,
  };
}
