import "server-only";
import type { TBriefing, TBriefingItem } from "@/lib/copilot/briefing.types";
import { formatMoney } from "@/lib/contracts/format";
import { typeLabel } from "../exception-rows";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The e-mail digest of a briefing: a plain-text part and a simple HTML part, every figure linked to the app. */
export function renderBriefingEmail(briefing: TBriefing, baseUrl: string): { subject: string; text: string; html: string } {
  const url = (href: string) => `${baseUrl}${href}`;
  const c = briefing.changes;
  const subject = `Stockpilot briefing ${briefing.asOf}: ${c.new.count} new, ${c.escalated.count} escalated, ${c.closed.count} closed`;
  const headline = `${c.new.count} new exception${c.new.count === 1 ? "" : "s"} (${formatMoney(c.new.money)} at risk), ${c.escalated.count} escalated, ${c.closed.count} closed since the last plan run.`;
  const section = (title: string, items: TBriefingItem[]) =>
    items.length === 0 ? [] : [title, ...items.slice(0, 10).map((i) => `- ${i.label}: ${i.detail} <${url(i.href)}>`), ""];
  const text = [
    `Hello ${briefing.person.name},`,
    "",
    headline,
    `Open the queue: ${url(briefing.queueHref)}`,
    "",
    ...(briefing.moneyAtRiskByType.length > 0
      ? ["Money at risk by type:", ...briefing.moneyAtRiskByType.map((t) => `- ${typeLabel(t.type)}: ${formatMoney(t.money)} (${t.count}) <${url(t.href)}>`), ""]
      : []),
    ...section("New:", briefing.newItems),
    ...section("Escalated:", briefing.escalatedItems),
    ...section("Do first:", briefing.topItems),
    ...(briefing.approvals && briefing.approvals.count > 0
      ? [`Waiting for your approval: ${briefing.approvals.count} actions worth ${formatMoney(briefing.approvals.value)} (${briefing.approvals.overdue} overdue) <${url(briefing.approvals.href)}>`, ""]
      : []),
    ...(briefing.suppliers.length > 0 ? ["Suppliers slipping:", ...briefing.suppliers.map((s) => `- ${s.name} (${s.code}): ${s.detail} <${url(s.href)}>`), ""] : []),
  ].join("\n");
  const list = (title: string, items: TBriefingItem[]) =>
    items.length === 0
      ? ""
      : `<h3>${escapeHtml(title)}</h3><ul>${items
          .slice(0, 10)
          .map((i) => `<li><a href="${escapeHtml(url(i.href))}">${escapeHtml(i.label)}</a> — ${escapeHtml(i.detail)}</li>`)
          .join("")}</ul>`;
  const html = [
    `<p>Hello ${escapeHtml(briefing.person.name)},</p>`,
    `<p>${escapeHtml(headline)} <a href="${escapeHtml(url(briefing.queueHref))}">Open the queue</a></p>`,
    briefing.moneyAtRiskByType.length > 0
      ? `<h3>Money at risk by type</h3><ul>${briefing.moneyAtRiskByType.map((t) => `<li><a href="${escapeHtml(url(t.href))}">${escapeHtml(typeLabel(t.type))}: ${escapeHtml(formatMoney(t.money))}</a> (${t.count})</li>`).join("")}</ul>`
      : "",
    list("New", briefing.newItems),
    list("Escalated", briefing.escalatedItems),
    list("Do first", briefing.topItems),
    briefing.approvals && briefing.approvals.count > 0
      ? `<p><a href="${escapeHtml(url(briefing.approvals.href))}">${briefing.approvals.count} actions wait for your approval</a>, worth ${escapeHtml(formatMoney(briefing.approvals.value))}.</p>`
      : "",
    briefing.suppliers.length > 0
      ? `<h3>Suppliers slipping</h3><ul>${briefing.suppliers.map((s) => `<li><a href="${escapeHtml(url(s.href))}">${escapeHtml(s.name)} (${escapeHtml(s.code)})</a> — ${escapeHtml(s.detail)}</li>`).join("")}</ul>`
      : "",
  ].join("\n");
  return { subject, text, html };
}
