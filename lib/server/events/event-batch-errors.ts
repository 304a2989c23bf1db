import "server-only";
import type { z } from "zod";
import { AppError } from "../app-error";
import { type FieldErrors } from "../../contracts/errors";

/** Key of a per-event error: "events.<index>.<field>", so a sender can point at the event and field. */
export const eventErrorKey = (index: number, field: string) => `events.${index}.${field}`;

/** Collects per-event problems and refuses the whole batch with all of them at once (422). */
export class EventBatchErrors {
  readonly fieldErrors: FieldErrors = {};
  count = 0;

  /** At most `limit` problems are listed (all are counted), so a stream of bad lines cannot fill memory. */
  constructor(
    private readonly keyOf: (index: number, field: string) => string = eventErrorKey,
    private readonly limit = 1_000,
  ) {}

  add(index: number, id: string | null, field: string, message: string): void {
    this.count += 1;
    if (this.count > this.limit) return;
    (this.fieldErrors[this.keyOf(index, field)] ??= []).push(id === null ? message : `event "${id}": ${message}`);
  }

  addZodError(error: z.ZodError, ids: (index: number) => string | null): void {
    for (const issue of error.issues) {
      const [root, index, ...rest] = issue.path.map(String);
      if (root === "events" && index !== undefined && /^\d+$/.test(index)) this.add(Number(index), ids(Number(index)), rest.join(".") || "_", issue.message);
      else {
        (this.fieldErrors[issue.path.map(String).join(".") || "_"] ??= []).push(issue.message);
        this.count += 1;
      }
    }
  }

  throwIfAny(): void {
    if (this.count === 0) return;
    throw new AppError("VALIDATION_FAILED", `The batch was refused (${this.count} problem${this.count === 1 ? "" : "s"}); nothing of it was written.`, {
      fieldErrors: this.fieldErrors,
    });
  }
}
