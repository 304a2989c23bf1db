import type { Metadata } from "next";
import { ApiOperation, type ApiOperationView } from "@/components/api-docs/api-operation";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { API_ROUTES } from "@/lib/server/openapi/api-routes";
import { buildOpenApiDocument } from "@/lib/server/openapi/build-openapi-document";
import { curlExample } from "@/lib/server/openapi/curl-example";

export const metadata: Metadata = { title: "API docs" };

type JsonSchema = Record<string, unknown>;

const resolve = (schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema =>
  typeof schema.$ref === "string" ? (components[schema.$ref.split("/").pop()!] ?? schema) : schema;

/** The integration API, rendered from the same OpenAPI document /api/v1/openapi.json serves. */
export default async function ApiDocsPage() {
  await requirePagePermission("dashboard.read", "/api-docs");
  const document = buildOpenApiDocument("https://stockpilot.example");
  const components = document.components.schemas;
  const operations: ApiOperationView[] = API_ROUTES.map((route) => {
    const operation = document.paths[route.path]![route.method] as {
      summary: string;
      description: string;
      parameters: ApiOperationView["parameters"];
      requestBody?: { content: { "application/json": { schema: JsonSchema } } };
    };
    const body = operation.requestBody ? resolve(operation.requestBody.content["application/json"].schema, components) : null;
    const items = ((body?.properties as Record<string, JsonSchema> | undefined)?.events?.items ?? {}) as JsonSchema;
    const variants = ((items.oneOf ?? []) as JsonSchema[]).map((ref) => ({ name: String(ref.$ref).split("/").pop()!, schema: resolve(ref, components) }));
    return { method: route.method.toUpperCase(), path: route.path, summary: operation.summary, description: operation.description, parameters: operation.parameters, body, variants, curl: curlExample(route) };
  });
  return (
    <>
      <PageHeader
        title="Integration API"
        description={
          <>
            Feed Stockpilot from ERP, POS and OMS middleware and read decisions back. Authenticate with <code>Authorization: Bearer sp_…</code>{" "}
            (admins create tokens under Admin → API tokens). Machine-readable: <a className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
          </>
        }
      />
      <nav aria-label="Operations" className="mb-4 flex flex-wrap gap-2 text-sm">
        {operations.map((o) => (
          <a key={`${o.method} ${o.path}`} className="rounded border border-slate-200 px-2 py-0.5 font-mono text-xs hover:bg-slate-50" href={`#${`${o.method}-${o.path}`.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`}>
            {o.method} {o.path}
          </a>
        ))}
      </nav>
      <div className="space-y-4">
        {operations.map((operation) => (
          <ApiOperation key={`${operation.method} ${operation.path}`} operation={operation} components={components} />
        ))}
      </div>
    </>
  );
}
