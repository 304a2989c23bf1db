import "server-only";
import { AppError } from "../app-error";

/** Keyset position of a row in (createdAt desc, id desc) order, opaque to clients. */
export interface CreatedAtCursor {
  createdAt: Date;
  id: string;
}

export function encodeCreatedAtCursor(row: CreatedAtCursor): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

/** Cursors only ever hold timestamps we wrote: four-digit years. Anything else (year +275760) is forged. */
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function decodeCreatedAtCursor(text: string): CreatedAtCursor {
  const [iso, id] = Buffer.from(text, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || !CURSOR_TIME.test(iso ?? "") || Number.isNaN(createdAt.getTime())) {
    throw new AppError("VALIDATION_FAILED", "The cursor is not valid.", { fieldErrors: { cursor: ["is not valid"] } });
  }
  return { createdAt, id };
}

/** Rows after the cursor in (createdAt desc, id desc) order. */
export function afterCursorWhere(cursor: CreatedAtCursor) {
  return { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
}
