import { ingestEventBatch } from "@/lib/server/events/ingest-event-batch";
import { ingestEventStream } from "@/lib/server/events/ingest-event-stream";
import { ZIdempotencyKey } from "@/lib/contracts/events";
import { apiTokenActor, userActor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/app-error";
import { bodyLimits, limitedBody, readBodyText } from "@/lib/server/http/body-limits";
import { zodFieldErrors, withPermission } from "@/lib/server/http/with-permission";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

const NDJSON = /^application\/(x-)?ndjson\b/i;

/**
 * Events (see docs/api.md): a JSON batch, or with Content-Type application/x-ndjson a stream of one
 * event per line of any length; either is all-or-nothing and idempotent per Idempotency-Key and per event id.
 */
export const POST = withPermission(
  "imports.write",
  async ({ request, user, principal, origin }) => {
    const key = ZIdempotencyKey.safeParse(request.headers.get("idempotency-key") ?? "");
    if (!key.success) throw new AppError("BAD_REQUEST", "Send an Idempotency-Key header (8–200 printable characters).", { fieldErrors: zodFieldErrors(key.error) });
    const input = {
      principal: principal.kind === "token" ? `token:${principal.tokenId}` : `user:${user.id}`,
      actor: principal.kind === "token" ? apiTokenActor(user.id, origin) : userActor(user, origin),
      tokenId: principal.kind === "token" ? principal.tokenId : null,
      idempotencyKey: key.data,
    };
    const limits = bodyLimits();
    const outcome = NDJSON.test(request.headers.get("content-type") ?? "")
      ? await ingestEventStream(db, { ...input, body: limitedBody(request, limits.event_stream) })
      : await ingestEventBatch(db, { ...input, bodyText: await readBodyText(request, limits.event_batch) });
    return Response.json(outcome.body, { status: outcome.status, headers: outcome.replayed ? { "idempotent-replayed": "true" } : undefined });
  },
  { tokenScope: "events:write" },
);
