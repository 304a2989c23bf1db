import { z } from "zod";
import { AUDIT_ACTIONS } from "../audit/audit-actions";

/** "decision" matches every "decision.*" action; a full name matches only itself. */
const ACTION_GROUPS = [...new Set(AUDIT_ACTIONS.map((a) => a.split(".")[0]!))];
export const ZAuditActionFilter = z.enum([...AUDIT_ACTIONS, ...ACTION_GROUPS] as [string, ...string[]]);

const ZDay = z.iso.date();

export const MAX_AUDIT_PAGE = 500;
export const MAX_AUDIT_CSV_ROWS = 50_000;

export const ZAuditQuery = z.object({
  actorId: z.string().min(1).max(100).optional(),
  action: ZAuditActionFilter.optional(),
  entityType: z.string().min(1).max(100).optional(),
  entityId: z.string().min(1).max(200).optional(),
  /** Inclusive UTC calendar days. */
  from: ZDay.optional(),
  to: ZDay.optional(),
  /** Page backwards from this sequence number (exclusive); newest first. */
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(100),
  /** "people": leave out rows the system wrote on its own (routing, superseding, plan runs it started) and sign-ins. */
  rows: z.enum(["all", "people"]).default("all"),
  format: z.enum(["json", "csv"]).default("json"),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export interface TAuditEventView {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  planRunId: string | null;
  policyVersion: number | null;
  origin: string | null;
  hash: string;
}

export interface TAuditPage {
  events: TAuditEventView[];
  /** Pass as beforeSeq for the next (older) page; null on the last page. */
  nextBeforeSeq: number | null;
}

export const AUDIT_CSV_COLUMNS = [
  "seq",
  "at",
  "actorId",
  "actorName",
  "actorRole",
  "action",
  "entityType",
  "entityId",
  "before",
  "after",
  "reason",
  "planRunId",
  "policyVersion",
  "origin",
  "hash",
] as const satisfies readonly (keyof TAuditEventView)[];
