import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { TAskResponse } from "@/lib/copilot/copilot.types";
import { parseQuestion } from "@/lib/copilot/parse-question";
import type { Db } from "../../db";
import { decideOnException } from "../../exceptions/decide-on-exception";
import { EXCEPTION_SORT_KEYS, EXCEPTION_STATUSES, EXCEPTION_TYPES, ZExceptionListQuery, type TExceptionDecisionRequest, type TExceptionDetail } from "../../../contracts/exceptions";
import { getExceptionDetail } from "../../exceptions/get-exception-detail";
import { listExceptions } from "../../exceptions/list-exceptions";
import { REASON_CODES } from "../../../contracts/governance";
import { AppError, isAppError } from "../../app-error";
import { KPI_DEFINITIONS } from "../../../engine/kpis/kpi-definitions";
import { getKpiDashboard } from "../../kpis/get-kpi-dashboard";
import type { TApprovalTier } from "../../../contracts/governance";
import { can, canApproveTier, ROLE_DEFINITIONS } from "../../../contracts/permissions";
import type { AgentPrincipal } from "../agent/authenticate-agent";
import { answerQuestion } from "../answer-question";
import { loadCopilotCatalog } from "../load-copilot-catalog";
import { canSeeCategory, canSeeLocation } from "../scope-check";
import { userActor } from "../../actor";

export interface McpServerDependencies {
  db: Db;
  /** Called on every tool call: a revoked token or a changed role takes effect at once. */
  resolveAgent: () => Promise<AgentPrincipal>;
  /** Absolute origin for links in answers, e.g. "http://localhost:3000". */
  baseUrl: string;
}

const json = (value: unknown): CallToolResult => ({ content: [{ type: "text", text: JSON.stringify(value, null, 2) }] });

function refusal(error: AppError): CallToolResult {
  return { isError: true, content: [{ type: "text", text: JSON.stringify({ outcome: "refused", code: error.code, message: error.message }, null, 2) }] };
}

/** Runs a tool as the agent; expected refusals (scope, tier, conflict, validation) come back as tool errors, not crashes. */
async function asAgent(deps: McpServerDependencies, work: (agent: AgentPrincipal) => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await work(await deps.resolveAgent());
  } catch (error) {
    if (isAppError(error)) return refusal(error);
    if (error instanceof z.ZodError) return refusal(new AppError("VALIDATION_FAILED", error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")));
    throw error;
  }
}

function answerText(answer: TAskResponse, baseUrl: string): string {
  const absolute = (href: string) => (href.startsWith("/") ? `${baseUrl}${href}` : href);
  const lines = [answer.sentence.map((s) => (s.href ? `[${s.text}](${absolute(s.href)})` : s.text)).join("")];
  for (const item of answer.items) lines.push(`- [${item.label}](${absolute(item.href)}): ${item.detail}`);
  if (answer.suggestions.length > 0) lines.push("", "You could ask:", ...answer.suggestions.map((s) => `- ${s}`));
  if (answer.primaryHref) lines.push("", `Open: ${absolute(answer.primaryHref)}`);
  return lines.join("\n");
}

/** The exception without its chart arrays: what an agent needs to reason about it, with the projection summarised. */
function agentView(detail: TExceptionDetail, baseUrl: string) {
  const { chart, history, ...rest } = detail;
  const projected = chart?.projectedOnHand.slice(chart.forecastStartIndex) ?? [];
  const firstShort = projected.findIndex((v) => v !== null && v < (chart?.safetyStock ?? 0));
  const firstStockout = projected.findIndex((v) => v !== null && v < 0);
  const horizonMean = chart?.mean.slice(chart.forecastStartIndex).filter((v): v is number => v !== null) ?? [];
  return {
    ...rest,
    url: `${baseUrl}/exceptions/${detail.id}`,
    projection: chart
      ? {
          planRunId: chart.planRunId,
          onHand: chart.onHand,
          safetyStock: chart.safetyStock,
          reorderPoint: chart.reorderPoint,
          orderUpToLevel: chart.orderUpToLevel,
          lowestProjectedOnHand: Math.min(...projected.filter((v): v is number => v !== null)),
          firstDayBelowSafetyStock: firstShort >= 0 ? chart.days[chart.forecastStartIndex + firstShort] : null,
          firstDayBelowZero: firstStockout >= 0 ? chart.days[chart.forecastStartIndex + firstStockout] : null,
          forecastNext7Days: horizonMean.slice(0, 7).reduce((a, b) => a + b, 0),
          forecastNext28Days: horizonMean.slice(0, 28).reduce((a, b) => a + b, 0),
          method: chart.method,
          accuracy: chart.accuracy,
          incomingPurchaseOrders: chart.poArrivals,
          promotions: chart.promotions,
        }
      : null,
    recentDecisions: history.decisions.slice(-10),
  };
}

const ZExceptionId = z.string().min(1).max(64).describe("Exception id, from list_exceptions.");
const ZRecommendationRef = {
  exceptionId: ZExceptionId,
  recommendationId: z.string().min(1).max(64).describe("Recommendation id, from get_exception."),
  expectedVersion: z.number().int().positive().describe("The recommendation's version as last read; a stale version is refused with who changed it."),
};
const ZComment = z.string().trim().min(1).max(1_000).optional();

/**
 * Stockpilot as an MCP server for one AI assistant acting as its token's person. Reads stay inside
 * that person's scope; decisions go through the same governance functions as the web app (tier,
 * segregation of duties, expiry, optimistic concurrency) and are audited with the origin
 * "agent via token …". An approval above the person's tier is not given: it waits for a person, and
 * the agent's proposal is left as a comment on the exception when the person may comment.
 */
export function createMcpServer(deps: McpServerDependencies): McpServer {
  const server = new McpServer(
    { name: "stockpilot", version: "1.0.0" },
    {
      instructions:
        "Stockpilot's exception queue for one person: you act as them, with their role, scope and approval tier. " +
        "Start with `ask` or `list_exceptions`, read an item with `get_exception`, and decide with the decision tools, passing the version you read. " +
        "Anything above the person's approval tier waits for a human.",
    },
  );
  const { db, baseUrl } = deps;

  server.registerTool(
    "search_entities",
    {
      title: "Search stores, products, categories, suppliers, promotions",
      description: "Finds what a name or code refers to (typos allowed), within the person's scope.",
      inputSchema: { query: z.string().trim().min(1).max(200) },
    },
    ({ query }) =>
      asAgent(deps, async (agent) => {
        const loaded = await loadCopilotCatalog(db);
        const parsed = parseQuestion(query, loaded.index, new Date().toISOString().slice(0, 10));
        const words = query.toLowerCase();
        const results = [
          ...parsed.matches.flatMap((m) => m.values.map((value) => ({ kind: m.kind, value, matched: m.text, typos: m.distance }))),
          ...[...loaded.locationsById.values()].filter((l) => l.name.toLowerCase().includes(words)).map((l) => ({ kind: "location" as const, value: l.code, matched: l.name, typos: 0 })),
          ...[...loaded.productsById.values()].filter((p) => p.name.toLowerCase().includes(words)).slice(0, 50).map((p) => ({ kind: "product" as const, value: p.sku, matched: p.name, typos: 0 })),
        ];
        const seen = new Set<string>();
        const visible = results.filter((r) => {
          const key = `${r.kind}:${r.value}`;
          if (seen.has(key)) return false;
          seen.add(key);
          if (r.kind === "location") return canSeeLocation(agent.user, loaded.locationsByCode.get(r.value) ?? { code: r.value, region: "" });
          if (r.kind === "product") return canSeeCategory(agent.user, loaded.productsBySku.get(r.value)?.category ?? "");
          if (r.kind === "category") return canSeeCategory(agent.user, r.value);
          return true;
        });
        const describe = (r: (typeof visible)[number]) => {
          if (r.kind === "location") {
            const l = loaded.locationsByCode.get(r.value)!;
            return { ...r, name: l.name, region: l.region, type: l.type };
          }
          if (r.kind === "product") {
            const p = loaded.productsBySku.get(r.value)!;
            return { ...r, name: p.name, category: p.category };
          }
          if (r.kind === "supplier") return { ...r, name: loaded.suppliersByCode.get(r.value)?.name ?? r.value };
          return r;
        };
        return json({ results: visible.slice(0, 50).map(describe) });
      }),
  );

  server.registerTool(
    "list_exceptions",
    {
      title: "List exceptions",
      description: "The person's exception queue, ranked; filters as on the queue page. Location and supplier are codes; q searches SKU, product and store names.",
      inputSchema: {
        type: z.array(z.enum(EXCEPTION_TYPES)).optional(),
        status: z.array(z.enum(EXCEPTION_STATUSES)).optional(),
        region: z.array(z.string()).optional(),
        location: z.array(z.string()).optional(),
        category: z.array(z.string()).optional(),
        supplier: z.array(z.string()).optional(),
        q: z.string().max(100).optional(),
        minValue: z.number().nonnegative().optional(),
        sort: z.enum(EXCEPTION_SORT_KEYS).optional(),
        order: z.enum(["asc", "desc"]).optional(),
        limit: z.number().int().min(1).max(100).optional(),
        cursor: z.string().optional(),
      },
    },
    (input) =>
      asAgent(deps, async (agent) => {
        const list = (values?: string[]) => (values && values.length > 0 ? values.join(",") : undefined);
        const query = ZExceptionListQuery.parse({
          type: list(input.type),
          status: list(input.status),
          region: list(input.region),
          location: list(input.location),
          category: list(input.category),
          supplier: list(input.supplier),
          q: input.q,
          minValue: input.minValue,
          sort: input.sort,
          order: input.order,
          limit: input.limit ?? 20,
          cursor: input.cursor,
        });
        const page = await listExceptions(db, agent.user, query);
        return json({ ...page, items: page.items.map((i) => ({ ...i, url: `${baseUrl}/exceptions/${i.id}` })) });
      }),
  );

  server.registerTool(
    "get_exception",
    {
      title: "Get an exception",
      description: "One exception: score and its components, drivers, root cause, ranked recommended actions (with versions and whether the person may approve each), projection summary, trace.",
      inputSchema: { exceptionId: ZExceptionId },
    },
    ({ exceptionId }) => asAgent(deps, async (agent) => json(agentView(await getExceptionDetail(db, agent.user, exceptionId), baseUrl))),
  );

  server.registerTool(
    "explain_exception",
    {
      title: "Explain an exception",
      description: "The root cause in plain words with the drivers in numbers and the recommended action, each linked to its evidence.",
      inputSchema: { exceptionId: ZExceptionId },
    },
    ({ exceptionId }) =>
      asAgent(deps, async (agent) => {
        await getExceptionDetail(db, agent.user, exceptionId);
        const answer = await answerQuestion(db, agent.user, { question: "why is this at risk?", exceptionId });
        return { content: [{ type: "text", text: answerText(answer, baseUrl) }] };
      }),
  );

  server.registerTool(
    "ask",
    {
      title: "Ask Stockpilot",
      description: "A question in plain words (“which suppliers are late this week?”, “money at risk in North outerwear”), answered from the data within the person's scope; every figure links to its page.",
      inputSchema: { question: z.string().trim().min(1).max(300) },
    },
    ({ question }) =>
      asAgent(deps, async (agent) => {
        const answer = await answerQuestion(db, agent.user, { question });
        return { content: [{ type: "text", text: answerText(answer, baseUrl) }], isError: answer.status === "not_understood" };
      }),
  );

  server.registerTool(
    "get_kpis",
    {
      title: "KPIs",
      description: "The dashboard's KPI tiles (in-stock, fill rate, lost sales, WAPE, MASE, bias, working capital, excess, …) for the person's scope or a segment of it.",
      inputSchema: {
        region: z.string().optional(),
        location: z.string().optional().describe("Location code."),
        category: z.string().optional(),
        sku: z.string().optional().describe("Needs location and category too."),
        periodDays: z.union([z.literal(7), z.literal(14), z.literal(28)]).optional(),
      },
    },
    (input) =>
      asAgent(deps, async (agent) => {
        const dashboard = await getKpiDashboard(db, { period: input.periodDays ?? 28, channel: "all", region: input.region, location: input.location, category: input.category, sku: input.sku }, agent.user);
        return json({
          status: dashboard.status,
          asOf: dashboard.asOf,
          level: dashboard.level,
          url: `${baseUrl}/dashboard`,
          tiles: dashboard.tiles.map((t) => ({ ...t, label: KPI_DEFINITIONS[t.id].label, unit: KPI_DEFINITIONS[t.id].unit, definition: KPI_DEFINITIONS[t.id].definition })),
        });
      }),
  );

  server.registerTool(
    "get_forecast",
    {
      title: "Forecast",
      description: "The latest plan's weekly forecast (mean and p10–p90) for a SKU, optionally at one location, summed over the person's locations otherwise.",
      inputSchema: { sku: z.string().min(1).max(64), location: z.string().min(1).max(64).optional() },
    },
    ({ sku, location }) =>
      asAgent(deps, async (agent) => {
        const answer = await answerQuestion(db, agent.user, { question: `forecast for ${sku}${location ? ` at ${location}` : ""}` });
        return { content: [{ type: "text", text: answerText(answer, baseUrl) }], isError: answer.status === "out_of_scope" };
      }),
  );

  const decide = (agent: AgentPrincipal, exceptionId: string, request: TExceptionDecisionRequest) =>
    decideOnException(db, userActor(agent.user, agent.origin), exceptionId, request);

  server.registerTool(
    "approve_action",
    {
      title: "Approve a recommended action",
      description:
        "Gives final approval to a pending action, as the person. Refused outside their scope, for an action they modified (segregation of duties), or on a stale version. " +
        "An action above their approval tier is not approved: it waits for a person, and the proposal is left as a comment.",
      inputSchema: { ...ZRecommendationRef, comment: ZComment },
    },
    ({ exceptionId, recommendationId, expectedVersion, comment }) =>
      asAgent(deps, async (agent) => {
        const recommendation = await db.recommendation.findUnique({ where: { id: recommendationId }, select: { tier: true, actionType: true, quantity: true, exceptionId: true } });
        const tier = recommendation?.tier as TApprovalTier | undefined;
        if (recommendation && recommendation.exceptionId === exceptionId && tier && !canApproveTier(agent.user.role, tier) && can(agent.user.role, "decisions.approve")) {
          // Checked the same way by the governance function; here the agent's intent is kept for the person who can approve.
          await getExceptionDetail(db, agent.user, exceptionId);
          let proposalRecorded = false;
          if (can(agent.user.role, "exceptions.triage")) {
            const own = ROLE_DEFINITIONS[agent.user.role].approvalTier;
            await decide(agent, exceptionId, {
              decision: "comment",
              body: `Proposed by an assistant for ${agent.user.name}: approve ${recommendation.actionType.replace(/_/g, " ")} of ${Math.round(recommendation.quantity)} units. It needs ${tier} approval (above the ${own} tier), so it waits for a person.${comment ? ` Note: ${comment}` : ""}`,
            });
            proposalRecorded = true;
          }
          return json({ outcome: "waiting_for_person", tierRequired: tier, proposalRecorded, message: `This action needs ${tier} approval, above ${agent.user.name}'s tier; it stays pending for a person.` });
        }
        const result = await decide(agent, exceptionId, { decision: "approve", recommendationId, expectedVersion, comment });
        // An approved forecast change replans its series at once; the plan run's id lets the assistant follow it.
        return json({ outcome: "approved", replanRunId: result.replanRunId, exception: agentView(result.exception, baseUrl) });
      }),
  );

  server.registerTool(
    "modify_action",
    {
      title: "Modify a recommended action",
      description: "Changes an action's quantity with a reason; the action is re-priced and re-routed to the tier its new value needs (someone else gives the final approval).",
      inputSchema: { ...ZRecommendationRef, quantity: z.number().positive(), reasonCode: z.enum(REASON_CODES), comment: ZComment },
    },
    ({ exceptionId, recommendationId, expectedVersion, quantity, reasonCode, comment }) =>
      asAgent(deps, async (agent) => {
        const result = await decide(agent, exceptionId, { decision: "modify", recommendationId, expectedVersion, quantity, reasonCode, comment });
        const after = result.exception.recommendations.find((r) => r.id === recommendationId);
        return json({ outcome: "modified", status: after?.status, tier: after?.tier, exception: agentView(result.exception, baseUrl) });
      }),
  );

  server.registerTool(
    "reject_action",
    {
      title: "Reject a recommended action",
      description: "Rejects an action with a reason code.",
      inputSchema: { ...ZRecommendationRef, reasonCode: z.enum(REASON_CODES), comment: ZComment },
    },
    ({ exceptionId, recommendationId, expectedVersion, reasonCode, comment }) =>
      asAgent(deps, async (agent) => {
        const result = await decide(agent, exceptionId, { decision: "reject", recommendationId, expectedVersion, reasonCode, comment });
        return json({ outcome: "rejected", exception: agentView(result.exception, baseUrl) });
      }),
  );

  server.registerTool(
    "snooze_exception",
    {
      title: "Snooze an exception",
      description: "Hides an exception from the queue until a date.",
      inputSchema: { exceptionId: ZExceptionId, expectedVersion: z.number().int().positive().describe("The exception's version."), until: z.iso.date(), comment: ZComment },
    },
    ({ exceptionId, expectedVersion, until, comment }) =>
      asAgent(deps, async (agent) => {
        const result = await decide(agent, exceptionId, { decision: "snooze", expectedVersion, until, comment });
        return json({ outcome: "snoozed", snoozedUntil: result.exception.snoozedUntil, version: result.exception.version });
      }),
  );

  server.registerTool(
    "assign_exception",
    {
      title: "Assign an exception",
      description: "Assigns an exception to a user id, to the person (\"me\"), or to nobody (null).",
      inputSchema: { exceptionId: ZExceptionId, expectedVersion: z.number().int().positive(), assigneeId: z.string().min(1).nullable() },
    },
    ({ exceptionId, expectedVersion, assigneeId }) =>
      asAgent(deps, async (agent) => {
        const result = await decide(agent, exceptionId, { decision: "assign", expectedVersion, assigneeId: assigneeId === "me" ? agent.user.id : assigneeId });
        return json({ outcome: "assigned", assignee: result.exception.assignee, version: result.exception.version });
      }),
  );

  server.registerTool(
    "comment_on_exception",
    {
      title: "Comment on an exception",
      description: "Adds a comment to an exception's discussion.",
      inputSchema: { exceptionId: ZExceptionId, body: z.string().trim().min(1).max(4_000) },
    },
    ({ exceptionId, body }) =>
      asAgent(deps, async (agent) => {
        const result = await decide(agent, exceptionId, { decision: "comment", body });
        return json({ outcome: "commented", comments: result.exception.comments.length });
      }),
  );

  return server;
}
