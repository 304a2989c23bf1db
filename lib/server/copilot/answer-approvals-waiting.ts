import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { listPendingApprovals } from "../governance/list-pending-approvals";
import { can, ROLE_DEFINITIONS } from "../../contracts/permissions";
import { exceptionHref, link, money, plural, sentence, type AskContext, type DraftAnswer } from "./ask-context";

const SHOWN = 8;

/** "What is waiting for my approval?": the approvals inbox, narrowed to what the question named. */
export async function answerApprovalsWaiting(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  if (!can(ctx.actor.role, "decisions.approve")) {
    const role = ROLE_DEFINITIONS[ctx.actor.role].label.toLowerCase();
    return { status: "empty", sentence: sentence(`Nothing waits for you: ${/^[aeiou]/.test(role) ? "an" : "a"} ${role} approves no actions.`), primaryHref: null };
  }
  const inbox = await listPendingApprovals(ctx.db, ctx.actor, { limit: 500 }, ctx.now);
  const e = parsed.entities;
  const skus = new Set(e.products);
  const items = inbox.items.filter(
    (i) =>
      (e.regions.length === 0 || e.regions.includes(i.region)) &&
      (e.categories.length === 0 || e.categories.includes(i.category)) &&
      (e.locations.length === 0 || e.locations.includes(i.locationCode)) &&
      (skus.size === 0 || skus.has(i.sku)) &&
      (e.exceptionTypes.length === 0 || (e.exceptionTypes as string[]).includes(i.exceptionType)),
  );
  if (items.length === 0) return { status: "empty", sentence: sentence("Nothing is waiting for your approval", inbox.items.length > 0 ? " there" : "", ". See the ", link("approvals inbox", "/approvals"), "."), primaryHref: "/approvals" };
  const value = items.reduce((s, i) => s + i.value, 0);
  const overdue = items.filter((i) => i.slaStatus === "overdue").length;
  const mine = items.filter((i) => i.canApprove).length;
  return {
    status: "answered",
    sentence: sentence(
      link(plural(items.length, "action"), "/approvals"),
      " wait for your approval, worth ",
      link(money(value), "/approvals"),
      overdue > 0 ? "; " : "",
      overdue > 0 ? link(`${overdue} overdue`, "/approvals") : null,
      mine < items.length ? `; ${items.length - mine} you modified yourself, so someone else must approve them` : "",
      ".",
    ),
    items: items.slice(0, SHOWN).map((i) => ({
      label: `${i.actionType.replace(/_/g, " ")} ${Math.round(i.quantity)} units · ${i.sku} ${i.productName} at ${i.locationCode}`,
      detail: `${money(i.value)} · ${i.tier} tier · waiting ${Math.round(i.ageHours)} h (${i.slaStatus.replace("_", " ")})`,
      href: exceptionHref(i.exceptionId),
    })),
    primaryHref: "/approvals",
  };
}
