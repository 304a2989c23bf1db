import "server-only";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { AppError } from "../app-error";
import { assertDeclaredLength, bodyLimits, payloadTooLarge, withLimitedBody } from "./body-limits";

export interface UploadedFile {
  fileName: string;
  path: string;
  sizeBytes: number;
}

export interface TempUpload {
  files: UploadedFile[];
  cleanup: () => Promise<void>;
}

/**
 * Writes every file of a multipart form field to a private temp directory and returns their
 * paths, so importers stream from disk. Note: `request.formData()` lets the runtime hold the
 * multipart body while parsing; a streaming multipart parser would lift that limit for
 * multi-gigabyte uploads (the CLI import reads files directly and has no such limit).
 */
export async function uploadToTempFiles(request: Request, field: string): Promise<TempUpload> {
  const limit = bodyLimits().upload;
  assertDeclaredLength(request, limit);
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the files as multipart/form-data.");
  }
  // A chunked upload without Content-Length is cut off at the limit as it streams in.
  const limited = withLimitedBody(request, limit);
  let form: FormData;
  try {
    form = await limited.request.formData();
  } catch {
    if (limited.exceeded()) throw payloadTooLarge(limit);
    throw new AppError("BAD_REQUEST", "The upload could not be read. Try again.");
  }
  const entries = form.getAll(field).filter((v): v is File => typeof v !== "string");
  const dir = await mkdtemp(path.join(tmpdir(), "stockpilot-upload-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const files: UploadedFile[] = [];
    for (const [i, file] of entries.entries()) {
      // Never trust the client's name for the path on disk.
      const target = path.join(dir, `${i}.csv`);
      await pipeline(Readable.fromWeb(file.stream() as unknown as NodeWebReadableStream<Uint8Array>), createWriteStream(target, { mode: 0o600 }));
      files.push({ fileName: path.basename(file.name || `file-${i}.csv`), path: target, sizeBytes: file.size });
    }
    return { files, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
