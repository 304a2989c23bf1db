import { describe, expect, it } from "vitest";
import { ZEventBatch } from "../../contracts/events";
import { API_ROUTES } from "./api-routes";
import { buildOpenApiDocument } from "./build-openapi-document";
import { curlExample } from "./curl-example";

describe("buildOpenApiDocument", () => {
  const doc = buildOpenApiDocument("http://localhost:3000");

  it("is OpenAPI 3.1 with every registered route and its security", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const route of API_ROUTES) expect(doc.paths[route.path]?.[route.method]).toBeDefined();
    const events = doc.paths["/api/v1/events"]!.post as { security: unknown[]; parameters: { name: string; required: boolean }[] };
    expect(events.security).toContainEqual({ bearer: ["events:write"] });
    expect(events.parameters).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", required: true }));
  });

  it("describes the events body from the same zod schema the handler parses with", () => {
    const post = doc.paths["/api/v1/events"]!.post as { requestBody: { content: { "application/json": { schema: { $ref: string }; example: unknown } } } };
    const media = post.requestBody.content["application/json"];
    expect(media.schema.$ref).toBe("#/components/schemas/EventBatch");
    expect(JSON.stringify((post.requestBody.content as Record<string, unknown>)["application/x-ndjson"])).toContain("#/components/schemas/SaleEvent");
    const batch = doc.components.schemas.EventBatch as { properties: { events: { maxItems: number; items: { oneOf: { $ref: string }[] } } } };
    expect(batch.properties.events.maxItems).toBe(10_000);
    expect(batch.properties.events.items.oneOf.map((o) => o.$ref)).toContain("#/components/schemas/SaleEvent");
    expect(doc.components.schemas.SaleEvent).toMatchObject({ required: expect.arrayContaining(["id", "occurredAt", "location", "sku", "units", "price", "channel"]) });
    // Every reference resolves.
    for (const ref of JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? []) expect(doc.components.schemas).toHaveProperty(ref.split("/").pop()!);
    // The documented example is itself valid input.
    expect(ZEventBatch.safeParse(media.example).success).toBe(true);
  });

  it("gives every example a valid body and a curl command with the right auth", () => {
    for (const route of API_ROUTES) {
      const curl = curlExample(route);
      expect(curl).toContain(route.tokenScope ? "Authorization: Bearer" : "-b ");
      if (route.body && route.example !== undefined) expect(route.body.safeParse(route.example).success).toBe(true);
    }
  });
});
