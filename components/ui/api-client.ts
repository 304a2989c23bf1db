import { z } from "zod";

/** A failed API call, carrying the server's user-facing message (e.g. the 409 "already approved by …"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const ZErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fieldErrors: z.record(z.string(), z.array(z.string())).optional() }),
});

const FALLBACK_MESSAGES: Record<number, string> = {
  401: "Your session has ended. Sign in again.",
  403: "You do not have permission to do this.",
  404: "This item was not found, or it is outside your scope.",
};

async function toApiError(response: Response): Promise<ApiError> {
  const parsed = ZErrorBody.safeParse(await response.json().catch(() => null));
  if (!parsed.success) {
    return new ApiError(response.status, "UNKNOWN", FALLBACK_MESSAGES[response.status] ?? `The server answered ${response.status}. Try again.`);
  }
  const { code, message, fieldErrors } = parsed.data.error;
  return new ApiError(response.status, code, message, fieldErrors);
}

/**
 * The one way client components call our JSON API: same-origin fetch, JSON in and out, and any
 * non-2xx answer (or an unreachable server) thrown as an ApiError with the server's message.
 */
export async function apiFetch<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}), ...init?.headers },
    });
  } catch {
    throw new ApiError(0, "NETWORK", "The server could not be reached. Check your connection and try again.");
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Readable message for anything a query or mutation threw, field problems included. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const details = Object.values(error.fieldErrors).flat();
    return details.length > 0 ? `${error.message} ${details.join("; ")}` : error.message;
  }
  if (error instanceof z.ZodError) return "The server sent data this page does not understand. Reload the page; if it persists, report it.";
  if (error instanceof Error) return error.message;
  return "Something went wrong. Try again.";
}
