import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { exceptionWhere, link, money, plural, queueFiltersOf, queueHref, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { loadLateSuppliers } from "./load-late-suppliers";

/** The business day lateness is judged on: the latest plan's, else the asker's today. */
export function referenceDay(ctx: AskContext): Date {
  return new Date(`${ctx.latestRun?.asOf ?? ctx.today}T00:00:00Z`);
}

/** "Which suppliers are late?": suppliers with POs past promise or open supplier-delay exceptions, in scope. */
export async function answerLateSuppliers(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  const entities = { ...parsed.entities, exceptionTypes: [] };
  const suppliers = await loadLateSuppliers(ctx.db, ctx.actor, referenceDay(ctx), {
    supplierIds: entities.suppliers.flatMap((c) => ctx.loaded.suppliersByCode.get(c)?.id ?? []),
    categories: entities.categories,
    exceptionWhere: exceptionWhere(ctx, entities),
  });
  const queue = queueHref(queueFiltersOf(ctx, entities, { type: ["supplier_delay"], sort: "moneyAtRisk", order: "desc" }));
  if (suppliers.length === 0) {
    return { status: "empty", sentence: sentence("No supplier is late in your scope: no open PO is past its promised date and no supplier-delay exception is open. See the ", link("queue", queue), "."), primaryHref: queue };
  }
  const lateOnPos = suppliers.filter((s) => s.latePurchaseOrders > 0).length;
  const worst = suppliers[0]!;
  const worstHref = queueHref(queueFiltersOf(ctx, entities, { type: ["supplier_delay"], supplier: [worst.code] }));
  return {
    status: "answered",
    sentence: sentence(
      link(plural(suppliers.length, "supplier"), queue),
      " slipping (",
      link(`${lateOnPos} with POs past their promised date`, queue),
      "). Worst: ",
      link(`${worst.name} (${worst.code})`, worstHref),
      worst.latePurchaseOrders > 0 ? " — " : "",
      worst.latePurchaseOrders > 0 ? link(`${plural(worst.latePurchaseOrders, "late PO")}, ${worst.meanDaysLate.toFixed(1)} days late on average`, worstHref) : null,
      worst.delayExceptions > 0 ? `, ${plural(worst.delayExceptions, "delay exception")} with ` : ".",
      worst.delayExceptions > 0 ? link(money(worst.moneyAtRisk), worstHref) : null,
      worst.delayExceptions > 0 ? " at risk." : null,
    ),
    items: suppliers.map((s) => ({
      label: `${s.name} (${s.code})`,
      detail: [
        s.latePurchaseOrders > 0 ? `${plural(s.latePurchaseOrders, "PO")} past promise, ${s.meanDaysLate.toFixed(1)} d late on average (oldest ${s.oldestLatePo})` : null,
        s.delayExceptions > 0 ? `${plural(s.delayExceptions, "delay exception")}, ${money(s.moneyAtRisk)} at risk` : null,
      ]
        .filter(Boolean)
        .join(" · "),
      href: queueHref(queueFiltersOf(ctx, entities, { type: ["supplier_delay"], supplier: [s.code] })),
    })),
    primaryHref: queue,
  };
}
