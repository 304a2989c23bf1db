/**
 * Expected failures carry a stable code, a message safe to show users, and an HTTP status.
 * Anything else thrown from a handler is unexpected: logged, and answered with a generic 500.
 */
export const APP_ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  RATE_LIMITED: 429,
  BAD_REQUEST: 400,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export type FieldErrors = Record<string, string[]>;

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

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: FieldErrors };
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
