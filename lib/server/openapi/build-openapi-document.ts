import "server-only";
import { z } from "zod";
import { MAX_EVENTS_PER_BATCH } from "../../contracts/events";
import { API_ROUTES, type ApiRoute } from "./api-routes";

type JsonSchema = Record<string, unknown>;

/**
 * Request schemas describe what a client sends (before transforms), response schemas what it gets.
 * Schemas named with `.meta({ id })` become shared components: zod puts them in `$defs`, which are
 * moved to `components.schemas` (OpenAPI 3.1 schemas are JSON Schema 2020-12, so nothing else changes).
 */
function jsonSchema(schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>): JsonSchema {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
  const rewritten = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  const { $schema: _dialect, $defs, ...rest } = rewritten;
  Object.assign(components, $defs ?? {});
  return rest;
}

const ERROR_SCHEMA: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } }, description: "For 422: messages per field, e.g. events.3.units." },
      },
    },
  },
};
const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });

function parametersOf(route: ApiRoute, components: Record<string, JsonSchema>) {
  const fromObject = (schema: z.ZodObject | undefined, where: "path" | "query") =>
    Object.entries(schema?.shape ?? {}).map(([name, field]) => {
      const property = jsonSchema(field as z.ZodType, "input", components);
      return { name, in: where, required: where === "path" || !(field as z.ZodType).safeParse(undefined).success, schema: property, ...(property.description ? { description: property.description } : {}) };
    });
  return [
    ...fromObject(route.params, "path"),
    ...fromObject(route.query, "query"),
    ...(route.headers ?? []).map((h) => ({ name: h.name, in: "header", required: h.required, description: h.description, schema: jsonSchema(h.schema, "input", components) })),
  ];
}

function operationOf(route: ApiRoute, components: Record<string, JsonSchema>) {
  const security = [{ session: [] }, ...(route.tokenScope ? [{ bearer: [route.tokenScope] }] : [])];
  return {
    summary: route.summary,
    description: `${route.description}\n\nSession: permission \`${route.permission}\`.${route.tokenScope ? ` API token: scope \`${route.tokenScope}\`.` : " Not available to API tokens."}`,
    operationId: `${route.method}${route.path.replace(/[{}]/g, "").replace(/\/(\w)/g, (_, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, "")}`,
    security,
    parameters: parametersOf(route, components),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: jsonSchema(route.body, "input", components), ...(route.example ? { example: route.example } : {}) },
              ...(route.streamBody
                ? { [route.streamBody.contentType]: { schema: { description: route.streamBody.description, ...jsonSchema(route.streamBody.schema, "input", components) } } }
                : {}),
            },
          },
        }
      : {}),
    responses: {
      [route.method === "post" && route.path === "/api/v1/tokens" ? "201" : "200"]: {
        description: route.responseDescription,
        content: { "application/json": { schema: route.response ? jsonSchema(route.response, "output", components) : { type: "object" } } },
      },
      "401": errorResponse("Not signed in, or the API token is unknown or revoked."),
      "403": errorResponse("The role lacks the permission, or the token lacks the scope."),
      "422": errorResponse("The request is not valid; fieldErrors names each field."),
      ...(route.tokenScope ? { "429": { ...errorResponse("Over the token's rate limit."), headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait." } } } } : {}),
      ...(route.headers?.some((h) => h.name === "Idempotency-Key") ? { "409": errorResponse("The Idempotency-Key was used with a different body.") } : {}),
    },
  };
}

/** The OpenAPI 3.1 document of the integration API, built from the route registry's zod schemas. */
export function buildOpenApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, JsonSchema> = { Error: ERROR_SCHEMA };
  for (const route of API_ROUTES) (paths[route.path] ??= {})[route.method] = operationOf(route, components);
  return {
    openapi: "3.1.0",
    info: {
      title: "Stockpilot integration API",
      version: "1",
      description: `Feed Stockpilot from ERP, POS and OMS middleware (events, up to ${MAX_EVENTS_PER_BATCH.toLocaleString("en-US")} per request) and read exceptions, recommendations, decisions and approved actions back. Authenticate with \`Authorization: Bearer sp_…\` (an API token an admin creates under Admin → API tokens).`,
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "API token (sp_…) with the scopes the operation names." },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A signed-in user's session (the web app)." },
      },
      schemas: components,
    },
    paths,
  };
}
