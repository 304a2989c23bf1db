import { ingestEventBatch } from "@/lib/server/events/ingest-event-batch";
import { ZIdempotencyKey } from "@/lib/server/events/events.types";
import { AppError } from "@/lib/server/http/app-error";
import { zodFieldErrors, withPermission } from "@/lib/server/http/with-permission";

export const dynamic = "force-dynamic";

/** A batch of events (see docs/api.md): all-or-nothing, idempotent per Idempotency-Key and per event id. */
export const POST = withPermission(
  "imports.write",
  async ({ request, user, principal, origin }) => {
    const key = ZIdempotencyKey.safeParse(request.headers.get("idempotency-key") ?? "");
    if (!key.success) throw new AppError("BAD_REQUEST", "Send an Idempotency-Key header (8–200 printable characters).", { fieldErrors: zodFieldErrors(key.error) });
    const outcome = await ingestEventBatch({
      principal: principal.kind === "token" ? `token:${principal.tokenId}` : `user:${user.id}`,
      actor: { userId: user.id, role: principal.kind === "token" ? "api_token" : user.role },
      tokenId: principal.kind === "token" ? principal.tokenId : null,
      idempotencyKey: key.data,
      bodyText: await request.text(),
      origin,
    });
    return Response.json(outcome.body, { status: outcome.status, headers: outcome.replayed ? { "idempotent-replayed": "true" } : undefined });
  },
  { tokenScope: "events:write" },
);
