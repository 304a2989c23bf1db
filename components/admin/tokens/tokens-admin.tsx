"use client";

import { ApiError, apiFetch } from "@/components/ui/api-client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { formatDateTime } from "@/lib/contracts/format";
import { TOKEN_SCOPE_DESCRIPTIONS, TOKEN_SCOPES, type TokenScope } from "@/lib/contracts/tokens";
import type { TApiTokenList, TCreatedApiToken } from "@/lib/contracts/tokens";


export function TokensAdmin({ initial }: { initial: TApiTokenList }) {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ["api-tokens"], queryFn: () => apiFetch<TApiTokenList>("/api/v1/tokens"), initialData: initial });
  const [created, setCreated] = useState<TCreatedApiToken | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["api-tokens"] }),
  });

  return (
    <div className="space-y-4">
      <CreateTokenForm
        onCreated={(token) => {
          setCreated(token);
          void queryClient.invalidateQueries({ queryKey: ["api-tokens"] });
        }}
      />
      {created ? <SecretOnce created={created} onDone={() => setCreated(null)} /> : null}
      <div className="card overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">API tokens, their scopes and last use</caption>
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr className="border-b border-slate-200">
              <th className="px-3 py-2 font-medium">Name</th>
              <th className="px-3 py-2 font-medium">Token</th>
              <th className="px-3 py-2 font-medium">Scopes</th>
              <th className="px-3 py-2 font-medium">Created</th>
              <th className="px-3 py-2 font-medium">Last used</th>
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-3 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.items.length === 0 ? (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-600">
                  No API tokens yet.
                </td>
              </tr>
            ) : null}
            {tokens.data.items.map((token) => (
              <tr key={token.id} className="border-b border-slate-100 align-top">
                <td className="px-3 py-2 font-medium text-slate-900">{token.name}</td>
                <td className="px-3 py-2 text-xs">
                  <code className="font-mono">{token.prefix}…</code>
                </td>
                <td className="px-3 py-2 font-mono text-xs">{token.scopes.join(" ")}</td>
                <td className="px-3 py-2 text-slate-700">
                  {formatDateTime(token.createdAt)}
                  {token.createdBy ? <div className="text-xs text-slate-500">by {token.createdBy.name}</div> : null}
                </td>
                <td className="px-3 py-2 text-slate-700">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "never"}</td>
                <td className="px-3 py-2">{token.revokedAt ? <span className="text-rose-700">revoked {formatDateTime(token.revokedAt)}</span> : <span className="text-emerald-700">active</span>}</td>
                <td className="px-3 py-2 text-right">
                  {token.revokedAt ? null : (
                    <button
                      type="button"
                      className="btn-secondary text-rose-700"
                      disabled={revoke.isPending}
                      onClick={() => {
                        if (window.confirm(`Revoke “${token.name}”? Requests with it will be refused at once.`)) revoke.mutate(token.id);
                      }}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {revoke.error ? <p role="alert" className="px-3 py-2 text-sm text-rose-700">{revoke.error.message}</p> : null}
      </div>
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (created: TCreatedApiToken) => void }) {
  const nameId = useId();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<TokenScope[]>([]);
  const create = useMutation({
    mutationFn: () => apiFetch<TCreatedApiToken>("/api/v1/tokens", { method: "POST", body: JSON.stringify({ name, scopes }) }),
    onSuccess: (created) => {
      setName("");
      setScopes([]);
      onCreated(created);
    },
  });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors : {};

  return (
    <form
      className="card space-y-3 p-4"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h2 className="text-sm font-semibold text-slate-900">New token</h2>
      <div>
        <label htmlFor={nameId} className="field-label">
          Name
        </label>
        <input
          id={nameId}
          className="field-input max-w-sm"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. POS feed (store systems)"
          aria-invalid={errors.name ? true : undefined}
        />
        {errors.name ? <p className="mt-1 text-sm text-rose-700">{errors.name.join(" ")}</p> : null}
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Scopes</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {TOKEN_SCOPES.map((scope) => (
            <label key={scope} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-1"
                checked={scopes.includes(scope)}
                onChange={(e) => setScopes((current) => (e.target.checked ? [...current, scope] : current.filter((s) => s !== scope)))}
              />
              <span>
                <span className="font-mono text-xs">{scope}</span>
                <span className="block text-slate-600">{TOKEN_SCOPE_DESCRIPTIONS[scope]}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.scopes ? <p className="mt-1 text-sm text-rose-700">{errors.scopes.join(" ")}</p> : null}
      </fieldset>
      {create.error && Object.keys(errors).length === 0 ? <p role="alert" className="text-sm text-rose-700">{create.error.message}</p> : null}
      <button type="submit" className="btn-primary" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create token"}
      </button>
    </form>
  );
}

function SecretOnce({ created, onDone }: { created: TCreatedApiToken; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="card border-amber-300 bg-amber-50 p-4">
      <p className="text-sm font-medium text-amber-900">Copy the secret of “{created.token.name}” now — it is not stored and will not be shown again.</p>
      <div className="mt-2 flex items-center gap-2">
        <code className="block overflow-x-auto rounded bg-white px-2 py-1 font-mono text-xs text-slate-900">{created.secret}</code>
        <button
          type="button"
          className="btn-secondary"
          onClick={() => {
            void navigator.clipboard.writeText(created.secret).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" className="btn-secondary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
