import "server-only";
/**
 * A streamed response of newline-delimited JSON: the producer writes objects as work advances and
 * the browser reads them line by line (used for import progress).
 */
export function ndjsonResponse(produce: (send: (line: unknown) => void) => Promise<void>, init?: ResponseInit): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (line: unknown) => {
        if (open) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      };
      try {
        await produce(send);
      } finally {
        open = false;
        controller.close();
      }
    },
  });
  return new Response(stream, {
    ...init,
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no", ...init?.headers },
  });
}
