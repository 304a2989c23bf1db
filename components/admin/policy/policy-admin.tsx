"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "@/components/format";
import { apiFetch } from "@/components/api-client";
import type { PolicyResponse } from "./policy-api";
import { PolicyEditor } from "./policy-editor";
import { PolicyHistory } from "./policy-history";

export function PolicyAdmin({ initial, canEdit }: { initial: PolicyResponse; canEdit: boolean }) {
  const query = useQuery({ queryKey: ["policy"], queryFn: () => apiFetch<PolicyResponse>("/api/v1/policy"), initialData: initial });
  const { policy, versions } = query.data;
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const author = versions.find((v) => v.version === policy.version)?.createdBy ?? null;

  return (
    <div className="space-y-6">
      <section aria-labelledby="policy-in-force" className="card p-4">
        <h2 id="policy-in-force" className="text-sm font-semibold text-slate-900">
          Version {policy.version} is in force
        </h2>
        <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-600">Saved by</dt>
          <dd className="text-slate-900">{author ?? "System (default policy)"}</dd>
          <dt className="text-slate-600">Saved at</dt>
          <dd className="text-slate-900">{formatDateTime(policy.createdAt)}</dd>
          <dt className="text-slate-600">Note</dt>
          <dd className="text-slate-900">{policy.note ?? "—"}</dd>
        </dl>
        {savedVersion === policy.version ? (
          <p role="status" className="mt-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            Saved. Version {policy.version} is now in force and the change is in the audit log.
          </p>
        ) : null}
        {query.error ? (
          <p role="alert" className="mt-2 text-sm text-red-800">
            Could not refresh the policy: {query.error.message}
          </p>
        ) : null}
      </section>

      {/* Remounted per version so a save or a reload starts the form from the rules in force. */}
      <PolicyEditor key={policy.version} policy={policy} canEdit={canEdit} onSaved={setSavedVersion} />

      <PolicyHistory currentVersion={policy.version} />
    </div>
  );
}
