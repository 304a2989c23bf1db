/**
 * Error codes of the JSON API. Expected failures carry one of these codes, a message safe to show
 * users, and the HTTP status below; anything unexpected is answered as INTERNAL with a generic message.
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

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: FieldErrors };
}
