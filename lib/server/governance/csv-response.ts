import "server-only";
/** A CSV download; `no-store` because exports and audit extracts must never come from a cache. */
export function csvResponse(fileName: string, csv: string, headers: Record<string, string> = {}): Response {
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
      ...headers,
    },
  });
}
