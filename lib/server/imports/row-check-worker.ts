import "server-only";
import { parentPort } from "node:worker_threads";
import { checkDailyChunk, type CheckedChunk } from "./daily-rows";
import type { RowCheckRequest } from "./row-check-threads";

/** A row-check thread: the file's header and reference data first, then its chunks, each answered in turn. */
let file: Extract<RowCheckRequest, { type: "file" }> | null = null;
let refs: Parameters<typeof checkDailyChunk>[4] | null = null;

parentPort?.on("message", (request: RowCheckRequest) => {
  if (request.type === "file") {
    file = request;
    refs = { locations: new Map(request.locations), products: new Map(request.products) };
    return;
  }
  if (!file || !refs) throw new Error("row-check thread received a chunk before its file");
  const checked: CheckedChunk = checkDailyChunk(file.kind, request.chunk, file.header, file.fileName, refs);
  parentPort?.postMessage({ seq: request.seq, checked }, [checked.lines.buffer, checked.keys.buffer, checked.tags.buffer, checked.numbers.buffer]);
});
