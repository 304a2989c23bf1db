import "server-only";
import { z } from "zod";
import { ZEvent, ZEventBatch, ZEventBatchResult, ZIdempotencyKey } from "../../contracts/events";
import { ZExceptionListQuery } from "../../contracts/exceptions";
import { ZApprovedActionsQuery } from "../governance/action-export.types";
import type { Permission } from "../../contracts/permissions";
import { ZDecisionListQuery, ZDecisionPage, ZRecommendationListQuery, ZRecommendationPage } from "../../contracts/read-api";
import type { TokenScope } from "../../contracts/tokens";
import { ZApiTokenIdParams, ZApiTokenList, ZApiTokenView, ZCreateApiTokenRequest, ZCreatedApiToken } from "../../contracts/tokens";

/**
 * The integration API as data: each entry names the zod schemas its handler parses with, so the
 * OpenAPI document (build-openapi-document.ts) and the docs page come from the same definitions as
 * the code that enforces them. Add a route here when it joins the public API.
 */
export interface ApiRoute {
  method: "get" | "post" | "delete";
  path: string;
  summary: string;
  description: string;
  /** Session callers need this permission. */
  permission: Permission;
  /** Bearer-token callers need this scope; absent = sessions only. */
  tokenScope?: TokenScope;
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: { name: string; schema: z.ZodType; description: string; required: boolean }[];
  body?: z.ZodType;
  /** A second request content type, streamed: each line of the body is one value of `schema`. */
  streamBody?: { contentType: string; schema: z.ZodType; description: string };
  response?: z.ZodType;
  responseDescription: string;
  /** A request body to show in the curl example. */
  example?: unknown;
  /** Query string for the curl example, e.g. "?status=approved". */
  exampleQuery?: string;
}

const eventExample = {
  events: [
    { id: "pos-7731-1", type: "sale", occurredAt: "2026-11-22T10:15:00+01:00", location: "S001", sku: "SKU-1001", units: 2, price: 4.99, channel: "store" },
    { id: "wms-count-88", type: "inventory_count", occurredAt: "2026-11-22T06:00:00Z", location: "S001", sku: "SKU-1001", onHand: 14 },
  ],
};

export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: "post",
    path: "/api/v1/events",
    summary: "Send a batch of events",
    description:
      "Sales, inventory counts and adjustments, purchase orders and receipts, promotions, products and locations; up to 10 000 per JSON request, " +
      "or any number as an NDJSON stream (Content-Type: application/x-ndjson, one event per line, read and applied in chunks inside one transaction). " +
      "All-or-nothing: any invalid event refuses the batch (422) with errors keyed events.<index>.<field> (JSON) or line.<n>.<field> (NDJSON). Replaying a request (same Idempotency-Key and body) " +
      "returns the first answer; replaying an event id in a later request is skipped; older versions arriving late are recorded as stale. " +
      "Affected series are replanned within seconds.",
    permission: "imports.write",
    tokenScope: "events:write",
    headers: [{ name: "Idempotency-Key", schema: ZIdempotencyKey, description: "Your unique key for this request; reuse it only to retry the same body.", required: true }],
    body: ZEventBatch,
    streamBody: {
      contentType: "application/x-ndjson",
      schema: ZEvent,
      description: "One event per line (newline-delimited JSON), any number of lines; blank lines are ignored. Events may refer to locations and products defined on earlier lines.",
    },
    response: ZEventBatchResult,
    responseDescription: "What the batch did: applied, duplicate and stale events, series marked for replan.",
    example: eventExample,
  },
  {
    method: "get",
    path: "/api/v1/exceptions",
    summary: "List exceptions (the queue)",
    description:
      "One page of the queue, ranked; filter by type, region, category, location, supplier, status and value. Keyset-paginated with cursor. For a planner the open items are capped by the approval policy's daily items per planner: offer=today (default) lists the day's top items by score, offer=waiting the rest; dailyCap says how many of each.",
    permission: "exceptions.read",
    tokenScope: "exceptions:read",
    query: ZExceptionListQuery,
    responseDescription: "{ items: Exception[], nextCursor: string | null, dailyCap: { cap, policyVersion, decidedToday, open, offered, waiting, belowValueBar, autoHandledToday, minDecisionValue, showing } | null }",
    exampleQuery: "?type=stockout,demand_deviation&limit=50",
  },
  {
    method: "get",
    path: "/api/v1/recommendations",
    summary: "List recommendations",
    description: "Recommended actions and their governance state, newest first; filter by status, tier, exception and creation time.",
    permission: "exceptions.read",
    tokenScope: "recommendations:read",
    query: ZRecommendationListQuery,
    response: ZRecommendationPage,
    responseDescription: "A page of recommendations and the cursor of the next one.",
    exampleQuery: "?status=approved,exported&limit=100",
  },
  {
    method: "get",
    path: "/api/v1/decisions",
    summary: "List decisions",
    description: "Approvals, rejections, modifications, automatic approvals, supersessions, expiries and exports, newest first.",
    permission: "exceptions.read",
    tokenScope: "decisions:read",
    query: ZDecisionListQuery,
    response: ZDecisionPage,
    responseDescription: "A page of decisions and the cursor of the next one.",
    exampleQuery: "?kind=approve,reject&since=2026-11-01T00:00:00Z",
  },
  {
    method: "get",
    path: "/api/v1/exports/approved-actions",
    summary: "Take approved actions for the ERP",
    description: "Marks approved actions exported and returns them (JSON or CSV). Pass exportId to get exactly the same rows again on a retry.",
    permission: "actions.export",
    tokenScope: "exports:read",
    query: ZApprovedActionsQuery,
    responseDescription: "The exported actions with their export id (also in the X-Export-Id header).",
    exampleQuery: "?format=json&exportId=erp-2026-11-22-0001",
  },
  {
    method: "get",
    path: "/api/v1/tokens",
    summary: "List API tokens",
    description: "Every token with its scopes and last use; revoked ones included. Admins only; not available to tokens.",
    permission: "tokens.manage",
    response: ZApiTokenList,
    responseDescription: "The tokens (never their secrets).",
  },
  {
    method: "post",
    path: "/api/v1/tokens",
    summary: "Create an API token",
    description: "The answer holds the secret, shown this once; only its SHA-256 is stored. Audited.",
    permission: "tokens.manage",
    body: ZCreateApiTokenRequest,
    response: ZCreatedApiToken,
    responseDescription: "The token and its secret.",
    example: { name: "ERP reader", scopes: ["exceptions:read", "exports:read"] },
  },
  {
    method: "delete",
    path: "/api/v1/tokens/{id}",
    summary: "Revoke an API token",
    description: "The next request with the token gets 401. Audited.",
    permission: "tokens.manage",
    params: ZApiTokenIdParams,
    response: ZApiTokenView,
    responseDescription: "The revoked token.",
  },
];
