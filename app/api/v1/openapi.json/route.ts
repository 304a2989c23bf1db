import { buildOpenApiDocument } from "@/lib/server/openapi/build-openapi-document";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document; public, like any API description (it holds no data). */
export function GET(request: Request) {
  return Response.json(buildOpenApiDocument(new URL(request.url).origin), { headers: { "cache-control": "public, max-age=300" } });
}
