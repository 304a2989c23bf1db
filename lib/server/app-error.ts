import "server-only";
import { APP_ERROR_STATUS, type AppErrorCode, type ErrorBody, type FieldErrors } from "../contracts/errors";

/** An expected failure: a stable code, a message safe to show users, and the code's HTTP status. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly fieldErrors?: FieldErrors;
  /** For 429 and 503: seconds the client should wait, sent as Retry-After. */
  readonly retryAfterSeconds?: number;

  constructor(code: AppErrorCode, userMessage: string, options?: { fieldErrors?: FieldErrors; cause?: unknown; retryAfterSeconds?: number }) {
    super(userMessage, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.status = APP_ERROR_STATUS[code];
    this.fieldErrors = options?.fieldErrors;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export function errorResponse(error: AppError): Response {
  const body: ErrorBody = {
    error: { code: error.code, message: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) },
  };
  const headers = error.retryAfterSeconds === undefined ? undefined : { "retry-after": String(error.retryAfterSeconds) };
  return Response.json(body, { status: error.status, headers });
}

export const notFound = (what = "This item") => new AppError("NOT_FOUND", `${what} was not found.`);
export const forbidden = (message = "You do not have permission to do this.") => new AppError("FORBIDDEN", message);
