import { z } from "zod";

/** A person keeps at most this many named queue views. */
export const MAX_SAVED_VIEWS = 50;

/** A named queue view: the queue URL's query string without "?". */
export const ZSaveViewRequest = z.object({
  name: z.string().trim().min(1, "Give the view a name").max(60, "At most 60 characters"),
  search: z
    .string()
    .max(2_000, "At most 2,000 characters")
    .regex(/^[^?#\s]*$/, "A query string without '?', '#' or spaces"),
});
export type TSaveViewRequest = z.infer<typeof ZSaveViewRequest>;

export const ZSavedViewIdParams = z.object({ id: z.string().min(1).max(64) });

export const ZSavedView = z.object({ id: z.string(), name: z.string(), search: z.string() });
export type TSavedView = z.infer<typeof ZSavedView>;
