import type { ImportErrorDetail } from "@/lib/contracts/imports";

/** The NDJSON lines POST /api/v1/imports streams back (mirrors app/api/v1/imports/route.ts). */
export type ImportResult =
  | { status: "succeeded"; batchId: string; rows: Record<string, number>; durationMs: number; unchanged: boolean }
  | { status: "failed"; batchId: string; error: ImportErrorDetail; errors: ImportErrorDetail[]; moreErrors: boolean; hint: string | null };

export type ImportStreamLine =
  | { type: "started"; files: { kind: string; fileName: string; sizeBytes?: number }[] }
  | { type: "progress"; kind: string; fileName: string; rows: number; bytesRead: number; sizeBytes?: number }
  | { type: "result"; result: ImportResult }
  | { type: "error"; message: string };

/** Splits a growing response text into complete lines, remembering where it stopped. */
export function createLineReader(onLine: (line: ImportStreamLine) => void) {
  let offset = 0;
  return (text: string, final = false) => {
    let newline = text.indexOf("\n", offset);
    while (newline !== -1) {
      const raw = text.slice(offset, newline).trim();
      offset = newline + 1;
      if (raw) onLine(JSON.parse(raw) as ImportStreamLine);
      newline = text.indexOf("\n", offset);
    }
    if (final && offset < text.length) {
      const raw = text.slice(offset).trim();
      offset = text.length;
      if (raw) onLine(JSON.parse(raw) as ImportStreamLine);
    }
  };
}
