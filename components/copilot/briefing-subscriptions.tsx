"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-client";
import { formatMoney } from "@/lib/contracts/format";
import { EXCEPTION_TYPE_LABEL } from "@/lib/contracts/exceptions";
import type { TCreatedSubscription, TSubscriptionView } from "@/lib/copilot/briefing.types";
import { EXCEPTION_TYPES, type TExceptionType } from "@/lib/copilot/copilot.types";

const KEY = ["briefing-subscriptions"] as const;
const list = (text: string) => text.split(",").map((s) => s.trim()).filter(Boolean);

/** The person's digest subscriptions: channel, exception types, value threshold and places within their scope. */
export function BriefingSubscriptions({ initial }: { initial: TSubscriptionView[] }) {
  const queryClient = useQueryClient();
  const [channel, setChannel] = useState<"email" | "webhook">("email");
  const [target, setTarget] = useState("");
  const [types, setTypes] = useState<Set<TExceptionType>>(new Set());
  const [minMoney, setMinMoney] = useState("");
  const [regions, setRegions] = useState("");
  const [categories, setCategories] = useState("");
  const [secret, setSecret] = useState<string | null>(null);

  const subscriptions = useQuery({
    queryKey: KEY,
    queryFn: () => apiFetch<{ items: TSubscriptionView[] }>("/api/v1/briefing-subscriptions").then((r) => r.items),
    initialData: initial,
  });
  const create = useMutation({
    mutationFn: () =>
      apiFetch<TCreatedSubscription>("/api/v1/briefing-subscriptions", {
        method: "POST",
        body: JSON.stringify({
          channel,
          ...(channel === "email" ? (target.trim() ? { email: target.trim() } : {}) : { url: target.trim() }),
          exceptionTypes: [...types],
          minMoneyAtRisk: minMoney ? Number(minMoney) : 0,
          regions: list(regions),
          categories: list(categories),
        }),
      }),
    onSuccess: (created) => {
      setSecret(created.signingSecret);
      setTarget("");
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/v1/briefing-subscriptions/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const toggle = (type: TExceptionType) =>
    setTypes((current) => {
      const next = new Set(current);
      if (!next.delete(type)) next.add(type);
      return next;
    });

  return (
    <section aria-labelledby="subscriptions-title" className="max-w-4xl space-y-4 border-t border-slate-200 pt-5">
      <h2 id="subscriptions-title" className="text-base font-semibold text-slate-900">
        Digests
      </h2>
      <p className="text-sm text-slate-600">One message per plan run with what is new or escalated and matches — never one per item, and nothing when nothing matches.</p>
      <form onSubmit={onSubmit} className="grid gap-3 rounded-md border border-slate-200 p-4 text-sm md:grid-cols-2">
        <fieldset className="flex gap-4">
          <legend className="mb-1 font-medium text-slate-800">Send by</legend>
          {(["email", "webhook"] as const).map((c) => (
            <label key={c} className="flex items-center gap-1">
              <input type="radio" name="channel" value={c} checked={channel === c} onChange={() => setChannel(c)} />
              {c === "email" ? "E-mail" : "Webhook"}
            </label>
          ))}
        </fieldset>
        <label>
          <span className="block font-medium text-slate-800">{channel === "email" ? "E-mail (empty = your own)" : "Webhook URL"}</span>
          <input value={target} onChange={(e) => setTarget(e.target.value)} required={channel === "webhook"} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <fieldset className="md:col-span-2">
          <legend className="mb-1 font-medium text-slate-800">Exception types (none = all)</legend>
          <div className="flex flex-wrap gap-3">
            {EXCEPTION_TYPES.map((t) => (
              <label key={t} className="flex items-center gap-1">
                <input type="checkbox" checked={types.has(t)} onChange={() => toggle(t)} />
                {EXCEPTION_TYPE_LABEL[t]}
              </label>
            ))}
          </div>
        </fieldset>
        <label>
          <span className="block font-medium text-slate-800">Only items with at least this money at risk</span>
          <input type="number" min={0} step={100} value={minMoney} onChange={(e) => setMinMoney(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <label>
          <span className="block font-medium text-slate-800">Regions (comma-separated, empty = your whole scope)</span>
          <input value={regions} onChange={(e) => setRegions(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <label>
          <span className="block font-medium text-slate-800">Categories (comma-separated)</span>
          <input value={categories} onChange={(e) => setCategories(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <div className="flex items-end">
          <button type="submit" disabled={create.isPending} className="rounded-md bg-slate-900 px-3 py-1.5 font-medium text-white disabled:opacity-50">
            {create.isPending ? "Subscribing…" : "Subscribe"}
          </button>
        </div>
        {create.isError ? (
          <p role="alert" className="text-red-700 md:col-span-2">
            {errorMessage(create.error)}
          </p>
        ) : null}
      </form>
      {secret ? (
        <p className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          Signing secret (shown once; verify <code>X-Stockpilot-Signature</code> with it): <code className="break-all font-mono">{secret}</code>
        </p>
      ) : null}
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
        {subscriptions.data.length === 0 ? <li className="px-3 py-2 text-slate-600">No digests yet.</li> : null}
        {subscriptions.data.map((s) => (
          <li key={s.id} className="flex items-start justify-between gap-3 px-3 py-2">
            <span>
              <span className="font-medium">{s.channel === "email" ? "E-mail" : "Webhook"}</span> to {s.target}
              <span className="block text-xs text-slate-600">
                {s.exceptionTypes.length ? s.exceptionTypes.map((t) => EXCEPTION_TYPE_LABEL[t] ?? t).join(", ") : "all types"}
                {s.minMoneyAtRisk > 0 ? ` · ≥ ${formatMoney(s.minMoneyAtRisk)}` : ""}
                {s.regions.length ? ` · ${s.regions.join(", ")}` : ""}
                {s.categories.length ? ` · ${s.categories.join(", ")}` : ""}
                {s.lastDelivery ? ` · last digest ${s.lastDelivery.status}${s.lastDelivery.error ? ` (${s.lastDelivery.error})` : ""}` : ""}
              </span>
            </span>
            <button type="button" onClick={() => remove.mutate(s.id)} className="text-red-700 underline">
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
