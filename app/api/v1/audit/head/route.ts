import { auditKeys } from "@/lib/server/audit/audit-keys";
import { requireAuditCheckpoint } from "@/lib/server/audit/publish-audit-checkpoint";
import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";

/**
 * The signed checkpoint of the audit chain's current head (published now if the head moved), with
 * the Ed25519 public key that verifies it. Keep the answers: a log rewritten later cannot match them.
 * 409 while the log fails verification.
 */
export const GET = withPermission(
  "audit.read",
  async () => {
    const checkpoint = await requireAuditCheckpoint(db);
    return Response.json({ checkpoint, publicKey: auditKeys().publicKeyBase64 }, { headers: { "cache-control": "no-store" } });
  },
  { tokenScope: "exports:read" },
);
