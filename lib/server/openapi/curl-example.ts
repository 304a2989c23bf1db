import "server-only";
import type { ApiRoute } from "./api-routes";

/** A copy-paste curl command for a route; $STOCKPILOT_URL and $STOCKPILOT_TOKEN are the reader's own. */
export function curlExample(route: ApiRoute): string {
  const path = route.path.replace("{id}", "TOKEN_ID") + (route.exampleQuery ?? "");
  const lines = [`curl -sS -X ${route.method.toUpperCase()} "$STOCKPILOT_URL${path}"`];
  lines.push(route.tokenScope ? `  -H "Authorization: Bearer $STOCKPILOT_TOKEN"` : `  -b "$STOCKPILOT_SESSION_COOKIE"`);
  if (route.headers?.some((h) => h.name === "Idempotency-Key")) lines.push(`  -H "Idempotency-Key: $(uuidgen)"`);
  if (route.example !== undefined) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  --data '${JSON.stringify(route.example, null, 2).replace(/'/g, "'\\''")}'`);
  }
  return lines.join(" \\\n");
}
