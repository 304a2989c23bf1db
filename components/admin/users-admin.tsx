"use client";

import { ApiError, apiFetch } from "@/components/ui/api-client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { formatDateTime } from "@/lib/contracts/format";
import { ROLE_DEFINITIONS, ROLES, roleLabel, type Role } from "@/lib/contracts/permissions";
import { relevantScopeKinds, type ScopeKind } from "@/lib/contracts/permissions";
import type { ScopeOptions, UserListItem } from "@/lib/contracts/users";

interface UsersResponse {
  users: UserListItem[];
  scopeOptions: ScopeOptions;
}


const KIND_LABEL: Record<ScopeKind, string> = { REGION: "Regions", STORE: "Stores", CATEGORY: "Categories" };

export function UsersAdmin({ initial, currentUserId }: { initial: UsersResponse; currentUserId: string }) {
  const query = useQuery({ queryKey: ["users"], queryFn: () => apiFetch<UsersResponse>("/api/v1/users"), initialData: initial });
  const [editing, setEditing] = useState<string | null>(null);
  const { users, scopeOptions } = query.data;

  return (
    <div className="card overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Users, their roles and scopes</caption>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr className="border-b border-slate-200">
            <th scope="col" className="px-4 py-2 font-medium">User</th>
            <th scope="col" className="px-4 py-2 font-medium">Role</th>
            <th scope="col" className="px-4 py-2 font-medium">Scopes</th>
            <th scope="col" className="px-4 py-2 font-medium">Last sign-in</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRows
              key={u.id}
              user={u}
              options={scopeOptions}
              isSelf={u.id === currentUserId}
              editing={editing === u.id}
              onEdit={() => setEditing(u.id)}
              onClose={() => setEditing(null)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ScopeChips({ user }: { user: UserListItem }) {
  if (user.scopes.length === 0) {
    const reach = ROLE_DEFINITIONS[user.role as Role]?.reach;
    return reach === "global" ? <span className="text-slate-600">All (global read)</span> : <span className="font-medium text-amber-800">None — sees nothing</span>;
  }
  return (
    <ul className="flex flex-wrap gap-1">
      {user.scopes.map((s) => (
        <li key={`${s.kind}:${s.value}`} className="badge bg-slate-100 text-slate-800">
          <span className="mr-1 text-slate-500">{s.kind.toLowerCase()}</span>
          {s.value}
        </li>
      ))}
    </ul>
  );
}

function UserRows(props: { user: UserListItem; options: ScopeOptions; isSelf: boolean; editing: boolean; onEdit: () => void; onClose: () => void }) {
  const { user, editing } = props;
  return (
    <>
      <tr className="border-b border-slate-100 align-top">
        <td className="px-4 py-2.5">
          <p className="font-medium text-slate-900">
            {user.name} {props.isSelf ? <span className="text-xs font-normal text-slate-500">(you)</span> : null}
          </p>
          <p className="font-mono text-xs text-slate-600">{user.email}</p>
        </td>
        <td className="px-4 py-2.5 text-slate-800">{roleLabel(user.role)}</td>
        <td className="max-w-md px-4 py-2.5">
          <ScopeChips user={user} />
        </td>
        <td className="whitespace-nowrap px-4 py-2.5 text-slate-700">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "Never"}</td>
        <td className="whitespace-nowrap px-4 py-2.5">
          {!user.active ? (
            <span className="badge bg-slate-200 text-slate-800">Deactivated</span>
          ) : user.lockedUntil ? (
            <span className="badge bg-red-100 text-red-900">Locked until {formatDateTime(user.lockedUntil)}</span>
          ) : (
            <span className="badge bg-emerald-100 text-emerald-900">Active</span>
          )}
        </td>
        <td className="px-4 py-2.5 text-right">
          {!editing ? (
            <button type="button" className="btn-secondary" onClick={props.onEdit} aria-label={`Edit ${user.name}`}>
              Edit
            </button>
          ) : null}
        </td>
      </tr>
      {editing ? (
        <tr className="border-b border-slate-200 bg-slate-50">
          <td colSpan={6} className="px-4 py-4">
            <UserEditor {...props} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function UserEditor({ user, options, isSelf, onClose }: { user: UserListItem; options: ScopeOptions; isSelf: boolean; onClose: () => void }) {
  const id = useId();
  const client = useQueryClient();
  const [role, setRole] = useState(user.role);
  const [active, setActive] = useState(user.active);
  const [reason, setReason] = useState("");
  const [scopes, setScopes] = useState(() => new Set(user.scopes.map((s) => `${s.kind}:${s.value}`)));
  const kinds = relevantScopeKinds(role);

  const mutation = useMutation({
    mutationFn: (body: object) => apiFetch(`/api/v1/users/${encodeURIComponent(user.id)}`, { method: "PATCH", body: JSON.stringify(body) }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["users"] });
      onClose();
    },
  });

  const toggle = (key: string) =>
    setScopes((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const save = () => {
    // Scopes of kinds the new role does not use are dropped, so nothing stale lingers.
    const selected = [...scopes]
      .map((k) => {
        const i = k.indexOf(":");
        return { kind: k.slice(0, i) as ScopeKind, value: k.slice(i + 1) };
      })
      .filter((s) => kinds.includes(s.kind));
    mutation.mutate({ role, active, scopes: selected, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  };

  const optionValues = (kind: ScopeKind): { value: string; label: string }[] =>
    kind === "STORE" ? options.STORE.map((s) => ({ value: s.code, label: `${s.code} · ${s.name} (${s.region})` })) : options[kind].map((v) => ({ value: v, label: v }));

  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const selectedCount = (kind: ScopeKind) => [...scopes].filter((k) => k.startsWith(`${kind}:`)).length;

  return (
    <form
      className="space-y-4"
      aria-label={`Edit ${user.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="flex flex-wrap items-end gap-6">
        <div>
          <label htmlFor={`${id}-role`} className="field-label">
            Role
          </label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(e) => setRole(e.target.value)}
            disabled={isSelf}
            className="field-input w-56"
            aria-describedby={`${id}-role-help`}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
          <p id={`${id}-role-help`} className="mt-1 max-w-xs text-xs text-slate-600">
            {isSelf ? "You cannot change your own role." : ROLE_DEFINITIONS[role as Role]?.description}
          </p>
        </div>
        <label className="flex items-center gap-2 pb-6 text-sm text-slate-800">
          <input type="checkbox" checked={active} disabled={isSelf} onChange={(e) => setActive(e.target.checked)} className="h-4 w-4" />
          Account active
        </label>
        {user.lockedUntil ? (
          <div className="pb-5">
            <button type="button" className="btn-secondary" disabled={mutation.isPending} onClick={() => mutation.mutate({ unlock: true })}>
              Unlock account
            </button>
          </div>
        ) : null}
      </div>

      {kinds.length === 0 ? (
        <p className="text-sm text-slate-700">{roleLabel(role)} reads across all regions, stores and categories; no scope applies.</p>
      ) : (
        <div className="grid gap-4 md:grid-cols-3">
          {kinds.map((kind) => (
            <fieldset key={kind} className="min-w-0">
              <legend className="field-label">
                {KIND_LABEL[kind]} <span className="font-normal text-slate-500">({selectedCount(kind)} selected)</span>
              </legend>
              {optionValues(kind).length === 0 ? (
                <p className="mt-1 text-xs text-slate-600">No {KIND_LABEL[kind].toLowerCase()} in the imported data yet.</p>
              ) : (
                <div className="mt-1 max-h-44 overflow-y-auto rounded-md border border-slate-300 bg-white px-2 py-1">
                  {optionValues(kind).map((o) => {
                    const key = `${kind}:${o.value}`;
                    return (
                      <label key={key} className="flex items-center gap-2 py-0.5 text-sm text-slate-800">
                        <input type="checkbox" checked={scopes.has(key)} onChange={() => toggle(key)} className="h-4 w-4" />
                        <span className="truncate">{o.label}</span>
                      </label>
                    );
                  })}
                </div>
              )}
              {error?.fieldErrors[`scopes.${kind}`]?.map((m) => (
                <p key={m} className="mt-1 text-xs text-red-800">
                  {m}
                </p>
              ))}
            </fieldset>
          ))}
        </div>
      )}
      {kinds.length > 0 && kinds.every((k) => selectedCount(k) === 0) ? (
        <p className="text-sm font-medium text-amber-800">Without any scope this user will see nothing.</p>
      ) : null}

      <div className="max-w-md">
        <label htmlFor={`${id}-reason`} className="field-label">
          Reason <span className="font-normal text-slate-500">(recorded in the audit log)</span>
        </label>
        <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} className="field-input" />
      </div>

      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error.message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : "Save changes"}
        </button>
        <button type="button" className="btn-ghost" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
