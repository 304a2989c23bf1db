import { createReadStream } from "node:fs";
import { db } from "@/lib/server/db";
import { getDataStatus } from "@/lib/server/health/get-data-status";
import { AppError } from "@/lib/server/app-error";
import { ndjsonResponse } from "@/lib/server/http/ndjson";
import { uploadToTempFiles } from "@/lib/server/http/upload-to-temp-files";
import { withPermission } from "@/lib/server/http/with-permission";
import { requestPlanRun } from "@/lib/server/plan-runs/request-plan-run";
import { fileKindFromName, importBatch, IMPORT_FILE_KINDS, type ImportFileKind, type ImportProgress } from "@/lib/server/imports/import-batch";
import { userActor } from "@/lib/server/actor";

export const dynamic = "force-dynamic";
/** Large batches take minutes; the platform must not cut the stream. */
export const maxDuration = 3600;

const PROGRESS_INTERVAL_MS = 150;

export const GET = withPermission("imports.read", async () => Response.json(await getDataStatus(db, { recent: 10 })));

/**
 * Multipart upload of canonical CSV files (field "files"), answered as NDJSON:
 * `{type:"progress",…}` lines while rows are read, then one `{type:"result",result}` line.
 */
export const POST = withPermission("imports.write", async ({ request, user, origin }) => {
  const upload = await uploadToTempFiles(request, "files");
  try {
    if (upload.files.length === 0) throw new AppError("VALIDATION_FAILED", "Choose at least one CSV file.", { fieldErrors: { files: ["No file was uploaded."] } });
    const problems: string[] = [];
    const seen = new Set<ImportFileKind>();
    const files = upload.files.flatMap((f) => {
      const kind = fileKindFromName(f.fileName);
      if (!kind) {
        problems.push(`${f.fileName}: not a canonical file name (expected one of ${IMPORT_FILE_KINDS.map((k) => `${k}.csv`).join(", ")})`);
        return [];
      }
      if (seen.has(kind)) problems.push(`${f.fileName}: a second ${kind} file in the same batch`);
      seen.add(kind);
      return [{ kind, fileName: f.fileName, sizeBytes: f.sizeBytes, open: () => createReadStream(f.path) }];
    });
    if (problems.length > 0) throw new AppError("VALIDATION_FAILED", "Some files cannot be imported. Nothing was written.", { fieldErrors: { files: problems } });

    const cleanup = upload.cleanup;
    return ndjsonResponse(async (send) => {
      let last = 0;
      let lastKind: string | null = null;
      const onProgress = (p: ImportProgress) => {
        const now = Date.now();
        if (p.kind === lastKind && now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        lastKind = p.kind;
        send({ type: "progress", ...p });
      };
      try {
        send({ type: "started", files: files.map(({ kind, fileName, sizeBytes }) => ({ kind, fileName, sizeBytes })) });
        const result = await importBatch(db, { files, actor: userActor(user, origin), source: "web", onProgress });
        // New data, new plan: the run is queued and runs off the request path.
        if (result.status === "succeeded" && !result.unchanged) await requestPlanRun(db, { trigger: "import", requestedBy: userActor(user, origin), origin });
        send({ type: "result", result });
      } catch (error) {
        console.error("import failed unexpectedly", error);
        send({ type: "error", message: "The import stopped because of an unexpected server error. Nothing was written." });
      } finally {
        await cleanup();
      }
    });
  } catch (error) {
    await upload.cleanup();
    throw error;
  }
});
