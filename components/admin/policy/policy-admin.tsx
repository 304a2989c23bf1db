"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "@/lib/contracts/format";
import { apiFetch } from "@/components/ui/api-client";
import type { PolicyResponse } from "./policy-api";
import { PolicyEditor } from "./policy-editor";
import { PolicyHistory } from "./policy-history";

export function PolicyAdmin({ initial, canEdit }: { initial: PolicyResponse; canEdit: boolean }) {
  const query = useQuery({ queryKey: ["policy"], queryFn: () => apiFetch<PolicyResponse>("/api/v1/policy"), initialData: initial });
  const { policy, versions, proposals } = query.data;
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [proposed, setProposed] = useState(false);
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: "approve" | "reject" }) =>
      apiFetch<unknown>(`/api/v1/policy/proposals/${encodeURIComponent(id)}`, { method: "POST", body: JSON.stringify({ decision }) }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ["policy"] }), queryClient.invalidateQueries({ queryKey: ["policy-versions"] })]),
  });
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

      {proposed || proposals.length > 0 ? (
        <section aria-labelledby="policy-proposals" className="card space-y-3 p-4">
          <h2 id="policy-proposals" className="text-sm font-semibold text-slate-900">
            Changes waiting for a second admin
          </h2>
          <p className="text-sm text-slate-700">A change that loosens the policy takes effect only once another admin approves it (four eyes).</p>
          {proposals.length === 0 ? <p role="status" className="text-sm text-slate-700">Your change was sent for approval.</p> : null}
          {proposals.map((proposal) => (
            <div key={proposal.id} className="rounded-md border border-slate-200 p-3 text-sm">
              <p className="text-slate-900">
                Proposed {formatDateTime(proposal.proposedAt)} on version {proposal.basedOnVersion}: {proposal.note}
              </p>
              <ul className="mt-1 list-disc pl-5 text-slate-700">
                {proposal.loosenings.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
              {canEdit ? (
                <div className="mt-2 flex gap-2">
                  <button type="button" className="btn-primary" disabled={decide.isPending} onClick={() => decide.mutate({ id: proposal.id, decision: "approve" })}>
                    Approve change
                  </button>
                  <button type="button" className="btn-secondary" disabled={decide.isPending} onClick={() => decide.mutate({ id: proposal.id, decision: "reject" })}>
                    Reject
                  </button>
                </div>
              ) : null}
            </div>
          ))}
          {decide.error ? (
            <p role="alert" className="text-sm text-red-800">
              {decide.error.message}
            </p>
          ) : null}
        </section>
      ) : null}

      {/* Remounted per version so a save or a reload starts the form from the rules in force. */}
      <PolicyEditor
        key={policy.version}
        policy={policy}
        canEdit={canEdit}
        onSaved={setSavedVersion}
        onProposed={() => {
          setProposed(true);
          void queryClient.invalidateQueries({ queryKey: ["policy"] });
        }}
      />

      <PolicyHistory currentVersion={policy.version} />
    </div>
  );
}
