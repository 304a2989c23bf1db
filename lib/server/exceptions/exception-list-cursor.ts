import "server-only";
import { z } from "zod";
import { AppError } from "../app-error";
import { EXCEPTION_SORT_KEYS, type TExceptionListQuery } from "../../contracts/exceptions";

type SortKey = (typeof EXCEPTION_SORT_KEYS)[number];

/** Position after the last row of a page: its sort value and id, under the sort it was made for. */
export interface ExceptionListCursor {
  sort: SortKey;
  order: "asc" | "desc";
  /** Number for numeric keys, epoch milliseconds for raisedAt, null for a missing daysToImpact. */
  value: number | null;
  id: string;
}

/** Sort values are scores, money, days or epoch milliseconds: all far inside ±1e15 (a year-275760 timestamp is 8.6e15). */
const MAX_SORT_VALUE = 1e15;
const ZCursor = z.tuple([
  z.enum(EXCEPTION_SORT_KEYS),
  z.enum(["asc", "desc"]),
  z.number().finite().min(-MAX_SORT_VALUE).max(MAX_SORT_VALUE).nullable(),
  z.string().min(1).max(100),
]);

/** Opaque to clients: base64url of a small JSON tuple. */
export function encodeExceptionCursor(cursor: ExceptionListCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.id])).toString("base64url");
}

/** Reads a cursor and checks it belongs to the same sort; a cursor from another sort would skip or repeat rows. */
export function decodeExceptionCursor(text: string, query: Pick<TExceptionListQuery, "sort" | "order">): ExceptionListCursor {
  let parsed: z.infer<typeof ZCursor>;
  try {
    parsed = ZCursor.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
  } catch {
    throw new AppError("VALIDATION_FAILED", "The page cursor is not valid.", { fieldErrors: { cursor: ["start again from the first page"] } });
  }
  const [sort, order, value, id] = parsed;
  if (sort !== query.sort || order !== query.order) {
    throw new AppError("VALIDATION_FAILED", "The page cursor was made for another sort order.", {
      fieldErrors: { cursor: ["start again from the first page after changing the sort"] },
    });
  }
  if (value === null && sort !== "daysToImpact") {
    throw new AppError("VALIDATION_FAILED", "The page cursor is not valid.", { fieldErrors: { cursor: ["start again from the first page"] } });
  }
  return { sort, order, value, id };
}
