import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getSessionUser } from "../auth/get-session-user";
import type { SessionUser } from "../../contracts/auth";
import { can, type Permission } from "../../contracts/permissions";
import { authenticateApiToken, bearerTokenOf, type TokenPrincipal } from "../tokens/authenticate-api-token";
import type { TokenBuckets } from "../tokens/token-rate-limit";
import type { TokenScope } from "../../contracts/tokens";
import { AppError, errorResponse, isAppError } from "../app-error";
import type { ErrorBody, FieldErrors } from "../../contracts/errors";
import { bodyLimitFor, readBodyText } from "./body-limits";
import { clientAddress } from "./client-address";
import { databaseBusy, isDatabaseBusy } from "../write-transaction";
import { db } from "../db";

const MUTATING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Who is calling: a signed-in person, or a service account's API token. */
export type Principal = { kind: "session" } | ({ kind: "token" } & TokenPrincipal);

export interface HandlerContext<P, Q, B> {
  request: Request;
  /** For a token, a stand-in with global read reach (see serviceAccountUser). */
  user: SessionUser;
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  /** For audit rows: "web <client ip>". */
  origin: string;
}

export interface RouteSchemas<P, Q, B> {
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** JSON body schema. Leave out to read the request yourself (e.g. multipart uploads). */
  body?: z.ZodType<B>;
}

/** Next passes `params` as a Promise (Next 15+); typed loosely so any route segment shape fits. */
export interface RouteContext {
  params: Promise<unknown>;
}

export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

/**
 * The permission a route needs: one for the route, or — for a route whose body names the action,
 * like the exception page's decisions — the one that action needs, checked once the body is parsed.
 */
export type RoutePermission<B> = Permission | { perAction: (body: B) => Permission };

export interface RouteOptions {
  /** Also accept `Authorization: Bearer sp_…` with this token scope, instead of a session with the permission. */
  tokenScope?: TokenScope;
}

/**
 * Service accounts are global (they feed or read the whole network), so a token acts with the reach
 * of a global read-only role; what it may call is decided by its scopes, never by this role.
 */
function serviceAccountUser(token: TokenPrincipal): SessionUser {
  return { id: `api-token:${token.tokenId}`, email: "", name: `API token ${token.tokenName}`, role: "executive", scopes: [] };
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function parseWith<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", `The request ${where} is not valid.`, { fieldErrors: zodFieldErrors(parsed.error) });
  }
  return parsed.data;
}

/** Origins this server answers on: the request URL, the forwarded host, and NEXTAUTH_URL. */
function ownOrigins(request: Request): Set<string> {
  const origins = new Set<string>([new URL(request.url).origin]);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
    origins.add(`${proto}://${host}`);
  }
  if (process.env.NEXTAUTH_URL) {
    try {
      origins.add(new URL(process.env.NEXTAUTH_URL).origin);
    } catch {
      /* env() validates the URL elsewhere */
    }
  }
  return origins;
}

/**
 * CSRF defence for state-changing requests: a browser always sends Origin on a cross-site POST,
 * so a foreign Origin (or Sec-Fetch-Site: cross-site) is refused. Requests without Origin come
 * from non-browser clients, which cannot ride on a user's cookies.
 */
export function assertSameOrigin(request: Request): void {
  if (request.headers.get("sec-fetch-site") === "cross-site") {
    throw new AppError("FORBIDDEN", "Cross-site requests are not allowed.");
  }
  const origin = request.headers.get("origin");
  if (origin === null) return;
  if (!ownOrigins(request).has(origin)) throw new AppError("FORBIDDEN", "Cross-site requests are not allowed.");
}

/** A UTF-16 surrogate without its pair: valid in a JSON escape, but not text any store can keep. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function findLoneSurrogate(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return LONE_SURROGATE.test(value) ? path.join(".") || "_" : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findLoneSurrogate(item, [...path, String(i)]);
      if (found) return found;
    }
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = findLoneSurrogate(item, [...path, key]) ?? (LONE_SURROGATE.test(key) ? [...path, key].join(".") : null);
      if (found) return found;
    }
  }
  return null;
}

/** The JSON body, within the route's size limit (413), valid UTF-8 and Unicode (422), parsed (400). */
export async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request, bodyLimitFor(new URL(request.url).pathname, request.headers.get("content-type")));
  if (text.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  const field = findLoneSurrogate(parsed);
  if (field) {
    throw new AppError("VALIDATION_FAILED", "The request body is not valid.", { fieldErrors: { [field]: ["Contains an unpaired UTF-16 surrogate (not valid Unicode text)."] } });
  }
  return parsed;
}

/**
 * API answers are per user and often per moment: no browser or shared cache may keep them unless
 * the handler says otherwise (e.g. the OpenAPI document).
 */
function withNoStore(response: Response): Response {
  if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
  return response;
}

export type SessionGetter = () => Promise<SessionUser | null>;

/**
 * Builds `withPermission` around a session getter (the real one in the app, a stub in tests).
 * The wrapper authenticates (401), checks the declared permission (403; a per-action permission
 * once the body is parsed), refuses cross-site
 * mutations (403), parses params/query/body with the given zod schemas (422), turns AppError into
 * its JSON answer and any other error into a logged, generic 500.
 */
export function createWithPermission(getUser: SessionGetter, tokenLimiter?: TokenBuckets) {
  /**
   * A bearer token is checked only on routes that declare a token scope; elsewhere it is refused
   * rather than silently falling back to a browser session riding along.
   */
  async function authenticate(request: Request, permission: Permission | null, options: RouteOptions): Promise<{ user: SessionUser; principal: Principal }> {
    const bearer = bearerTokenOf(request);
    if (bearer) {
      if (!options.tokenScope) throw new AppError("FORBIDDEN", "This endpoint does not accept API tokens.");
      const token = await authenticateApiToken(db, bearer, options.tokenScope, tokenLimiter);
      // No CSRF check: a bearer token is never sent by a browser on its own, unlike a cookie.
      return { user: serviceAccountUser(token), principal: { kind: "token", ...token } };
    }
    const user = await getUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    if (permission !== null && !can(user.role, permission)) throw new AppError("FORBIDDEN", "You do not have permission to do this.");
    if (MUTATING_METHODS.has(request.method.toUpperCase())) assertSameOrigin(request);
    return { user, principal: { kind: "session" } };
  }

  function withPermission<P = undefined, Q = undefined, B = undefined>(
    permission: RoutePermission<B>,
    handler: (ctx: HandlerContext<P, Q, B>) => Promise<Response> | Response,
    options?: RouteOptions,
  ): RouteHandler;
  function withPermission<P = undefined, Q = undefined, B = undefined>(
    permission: RoutePermission<B>,
    schemas: RouteSchemas<P, Q, B>,
    handler: (ctx: HandlerContext<P, Q, B>) => Promise<Response> | Response,
    options?: RouteOptions,
  ): RouteHandler;
  function withPermission<P, Q, B>(
    permission: RoutePermission<B>,
    schemasOrHandler: RouteSchemas<P, Q, B> | ((ctx: HandlerContext<P, Q, B>) => Promise<Response> | Response),
    handlerOrOptions?: ((ctx: HandlerContext<P, Q, B>) => Promise<Response> | Response) | RouteOptions,
    maybeOptions?: RouteOptions,
  ): RouteHandler {
    const schemas: RouteSchemas<P, Q, B> = typeof schemasOrHandler === "function" ? {} : schemasOrHandler;
    const handler = typeof schemasOrHandler === "function" ? schemasOrHandler : (handlerOrOptions as (ctx: HandlerContext<P, Q, B>) => Promise<Response> | Response);
    const options: RouteOptions = (typeof schemasOrHandler === "function" ? (handlerOrOptions as RouteOptions | undefined) : maybeOptions) ?? {};

    return async (request, context) => withNoStore(await handle(request, context));

    async function handle(request: Request, context: RouteContext): Promise<Response> {
      try {
        const perAction = typeof permission === "string" ? null : permission.perAction;
        const { user, principal } = await authenticate(request, perAction ? null : (permission as Permission), options);

        const params = parseWith(schemas.params, (await context?.params) ?? {}, "path");
        const query = parseWith(schemas.query, Object.fromEntries(new URL(request.url).searchParams), "query");
        const body = schemas.body ? parseWith(schemas.body, await readJson(request), "body") : (undefined as B);
        if (perAction && !can(user.role, perAction(body))) throw new AppError("FORBIDDEN", "You do not have permission to do this.");
        const ip = clientAddress(request.headers);
        const channel = principal.kind === "token" ? "api" : "web";
        return await handler({ request, user, principal, params, query, body, origin: ip ? `${channel} ${ip}` : channel });
      } catch (error) {
        if (isAppError(error)) return errorResponse(error);
        if (isDatabaseBusy(error)) return errorResponse(databaseBusy(error));
        const reference = randomUUID().slice(0, 8);
        console.error(`[${reference}] ${request.method} ${new URL(request.url).pathname} failed`, error);
        const body: ErrorBody = { error: { code: "INTERNAL", message: `Something went wrong (reference ${reference}).` } };
        return Response.json(body, { status: 500 });
      }
    }
  }
  return withPermission;
}

/** `export const GET = withPermission("imports.read", async (ctx) => …)` */
export const withPermission = createWithPermission(() => getSessionUser());
