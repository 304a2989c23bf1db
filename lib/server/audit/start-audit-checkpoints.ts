import "server-only";
import { db } from "../db";
import { checkpointFile } from "./audit-checkpoints";
import { publishAuditCheckpoint } from "./publish-audit-checkpoint";

/** Default seconds between checkpoints: records can be deleted from the log's end undetected for at most this long. */
export const DEFAULT_CHECKPOINT_INTERVAL_SECONDS = 60;

/** STOCKPILOT_AUDIT_CHECKPOINT_SECONDS (5 s – 1 h); anything else stops the server rather than leave the window open. */
export function checkpointIntervalMs(spec = process.env.STOCKPILOT_AUDIT_CHECKPOINT_SECONDS): number {
  if (spec === undefined || spec === "") return DEFAULT_CHECKPOINT_INTERVAL_SECONDS * 1000;
  const seconds = Number(spec);
  if (!Number.isInteger(seconds) || seconds < 5 || seconds > 3600) {
    throw new Error(`STOCKPILOT_AUDIT_CHECKPOINT_SECONDS must be a whole number of seconds from 5 to 3600, not "${spec}".`);
  }
  return seconds * 1000;
}

const state = globalThis as unknown as { stockpilotAuditCheckpoints?: NodeJS.Timeout };

/**
 * In the server process: sign a checkpoint of the audit chain's head whenever it moved, every
 * interval (one timer per process). Without it a checkpoint was signed only by an ERP export or a
 * head request, so records written since the last of those could be deleted from the end without a
 * trace for as long as nobody exported; now that window is at most one interval while the server
 * runs. A log that fails verification is reported once per break, and no checkpoint is signed over it.
 */
export function startAuditCheckpoints(options: { intervalMs?: number; file?: string } = {}): () => void {
  if (state.stockpilotAuditCheckpoints) return () => {};
  const intervalMs = options.intervalMs ?? checkpointIntervalMs();
  let running = false;
  let reportedBreak: string | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    publishAuditCheckpoint(db, options.file ?? checkpointFile())
      .then((publication) => {
        if (publication.status !== "broken") {
          reportedBreak = null;
          return;
        }
        const { kind, firstBrokenSeq, reason } = publication.verification;
        if (reportedBreak === `${kind}:${firstBrokenSeq}`) return;
        reportedBreak = `${kind}:${firstBrokenSeq}`;
        console.error(`audit checkpoint refused: the audit log fails verification (${kind}): ${reason}`);
      })
      .catch((error: unknown) => console.error("audit checkpoint failed", error))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  state.stockpilotAuditCheckpoints = timer;
  return () => {
    clearInterval(timer);
    delete state.stockpilotAuditCheckpoints;
  };
}
