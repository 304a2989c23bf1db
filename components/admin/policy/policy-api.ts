import type { TApprovalPolicyRules } from "@/lib/server/governance/approval-policy.types";
import type { TPolicyVersionSummary } from "@/lib/server/governance/list-policy-versions";

/** TApprovalPolicy as it crosses the wire (dates as ISO text). */
export interface PolicyView {
  version: number;
  rules: TApprovalPolicyRules;
  createdById: string | null;
  createdAt: string;
  note: string | null;
}

export interface PolicyResponse {
  policy: PolicyView;
  versions: TPolicyVersionSummary[];
}

/** A version with the rules stored for it (GET /api/v1/policy/versions); old rules are shown as stored. */
export type PolicyVersionWithRules = TPolicyVersionSummary & { rules: unknown };

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

export async function api<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  const body = (await res.json().catch(() => null)) as (T & { error?: { message: string; fieldErrors?: Record<string, string[]> } }) | null;
  if (!res.ok) throw new ApiError(body?.error?.message ?? `The server answered ${res.status}.`, res.status, body?.error?.fieldErrors);
  return body as T;
}
