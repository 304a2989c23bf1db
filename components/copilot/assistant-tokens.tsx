"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-client";
import { formatDateTime } from "@/lib/contracts/format";
import type { TAgentTokenView, TCreatedAgentToken } from "@/lib/copilot/agent-tokens.types";

const TOKENS_KEY = ["assistant-tokens"] as const;

function desktopConfig(secret: string): string {
  return JSON.stringify(
    { mcpServers: { stockpilot: { command: "npm", args: ["--prefix", "/path/to/stockpilot", "run", "--silent", "mcp"], env: { STOCKPILOT_TOKEN: secret } } } },
    null,
    2,
  );
}

/** Create, copy once and revoke the signed-in person's assistant tokens. */
export function AssistantTokens({ initial }: { initial: TAgentTokenView[] }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<TCreatedAgentToken | null>(null);
  const tokens = useQuery({
    queryKey: TOKENS_KEY,
    queryFn: () => apiFetch<{ items: TAgentTokenView[] }>("/api/v1/assistant-tokens").then((r) => r.items),
    initialData: initial,
  });
  const create = useMutation({
    mutationFn: (tokenName: string) => apiFetch<TCreatedAgentToken>("/api/v1/assistant-tokens", { method: "POST", body: JSON.stringify({ name: tokenName }) }),
    onSuccess: (result) => {
      setCreated(result);
      setName("");
      void queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch<TAgentTokenView>(`/api/v1/assistant-tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate(name.trim());
  };

  return (
    <div className="max-w-3xl space-y-6">
      <form onSubmit={onSubmit} className="flex items-end gap-2">
        <label className="flex-1 text-sm">
          <span className="block font-medium text-slate-800">Assistant name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={80}
            placeholder="e.g. Claude on my laptop"
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
        </label>
        <button type="submit" disabled={create.isPending || !name.trim()} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </form>
      {create.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(create.error)}
        </p>
      ) : null}

      {created ? (
        <section aria-label="New token" className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm">
          <p className="font-medium text-emerald-900">Copy this token now — it is not shown again.</p>
          <code data-testid="assistant-token-secret" className="block break-all rounded bg-white p-2 font-mono text-xs">
            {created.secret}
          </code>
          <p className="text-emerald-900">Desktop assistant (stdio), in its MCP configuration file:</p>
          <pre className="overflow-x-auto rounded bg-white p-2 font-mono text-xs">{desktopConfig(created.secret)}</pre>
          <p className="text-emerald-900">
            Or over HTTP: <code className="font-mono text-xs">POST {typeof window === "undefined" ? "" : window.location.origin}/api/mcp</code> with{" "}
            <code className="font-mono text-xs">Authorization: Bearer {created.token.prefix}…</code>
          </p>
        </section>
      ) : null}

      <table className="w-full text-left text-sm">
        <caption className="sr-only">Your assistant tokens</caption>
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2">Name</th>
            <th>Token</th>
            <th>Created</th>
            <th>Last used</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.data.length === 0 ? (
            <tr>
              <td colSpan={5} className="py-4 text-slate-600">
                No assistant is connected yet.
              </td>
            </tr>
          ) : (
            tokens.data.map((t) => (
              <tr key={t.id} className="border-b border-slate-100">
                <td className="py-2">{t.name}</td>
                <td className="text-xs">
                  <code className="font-mono">{t.prefix}…</code>
                </td>
                <td>{formatDateTime(t.createdAt)}</td>
                <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}</td>
                <td className="text-right">
                  {t.revokedAt ? (
                    <span className="text-slate-500">revoked</span>
                  ) : (
                    <button type="button" onClick={() => revoke.mutate(t.id)} disabled={revoke.isPending} className="text-red-700 underline">
                      Revoke<span className="sr-only"> {t.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {revoke.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(revoke.error)}
        </p>
      ) : null}
    </div>
  );
}
