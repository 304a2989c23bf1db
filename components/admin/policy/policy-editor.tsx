"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type ReactNode } from "react";
import { labelOf } from "@/components/ui/labels";
import { ACTION_TYPE_LABEL, TIER_LABEL } from "@/lib/contracts/governance";
import {
  ACTION_TYPES,
  HUMAN_TIERS,
  NEVER_AUTO_ACTION_TYPES,
  type TActionType,
  type THumanTier,
} from "@/lib/contracts/governance";
import { ApiError, apiFetch } from "@/components/ui/api-client";
import type { PolicyProposalView, PolicyResponse, PolicyView } from "./policy-api";
import { draftOf, fieldLabel, rulesOf, type PolicyDraft } from "./policy-form-state";

const NEVER_AUTO = new Set<string>(NEVER_AUTO_ACTION_TYPES);
const actionLabel = (t: string) => labelOf(ACTION_TYPE_LABEL, t);

/** The id of the control a server field-error key belongs to, for the error summary's links. */
const controlKey = (path: string) => path.replaceAll(".", "-");

export function PolicyEditor({
  policy,
  canEdit,
  onSaved,
  onProposed,
}: {
  policy: PolicyView;
  canEdit: boolean;
  onSaved: (version: number) => void;
  onProposed: () => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<PolicyDraft>(() => draftOf(policy.rules));
  const [conflict, setConflict] = useState<{ version: number | null; latest: PolicyResponse | null } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const save = useMutation({
    mutationFn: () =>
      apiFetch<{ policy: PolicyView } | { proposal: PolicyProposalView }>("/api/v1/policy", {
        method: "PUT",
        body: JSON.stringify({ basedOnVersion: policy.version, rules: rulesOf(draft), note: draft.note }),
      }),
    onSuccess: async (saved) => {
      if ("policy" in saved) onSaved(saved.policy.version);
      else onProposed();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["policy"] }),
        queryClient.invalidateQueries({ queryKey: ["policy-versions"] }),
      ]);
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        // Learn which version is in force now without replacing the form (and the admin's edits) yet.
        const latest = await apiFetch<PolicyResponse>("/api/v1/policy").catch(() => null);
        setConflict({ version: latest?.policy.version ?? null, latest });
      }
      summaryRef.current?.focus();
    },
  });

  const fieldErrors = save.error instanceof ApiError && save.error.status === 422 ? save.error.fieldErrors : {};
  const errorsFor = (key: string) => fieldErrors[key] ?? [];
  const set = <K extends keyof PolicyDraft>(key: K, value: PolicyDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const reload = () => {
    setConflict(null);
    save.reset();
    if (conflict?.latest) queryClient.setQueryData(["policy"], conflict.latest);
    void queryClient.invalidateQueries({ queryKey: ["policy"] });
    void queryClient.invalidateQueries({ queryKey: ["policy-versions"] });
  };

  /** Props for a text/number control bound to a server field-error key. */
  const control = (key: string) => {
    const errors = errorsFor(key);
    return {
      id: `${id}-${controlKey(key)}`,
      "aria-invalid": errors.length > 0 || undefined,
      "aria-describedby": [errors.length > 0 ? `${id}-${controlKey(key)}-error` : null, `${id}-${controlKey(key)}-help`].filter(Boolean).join(" "),
    };
  };
  const errorText = (key: string) => <FieldErrorText id={`${id}-${controlKey(key)}-error`} messages={errorsFor(key)} />;

  return (
    <form
      noValidate
      aria-labelledby={`${id}-title`}
      className="card space-y-6 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (canEdit && !save.isPending) save.mutate();
      }}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          {canEdit ? `Edit the policy (starting from version ${policy.version})` : `Rules of version ${policy.version}`}
        </h2>
        {!canEdit ? <p className="text-sm text-slate-600">You can read the policy; only an admin can change it.</p> : null}
      </div>

      <div ref={summaryRef} tabIndex={-1} className="focus:outline-none">
        {conflict ? (
          <div role="alert" className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            <span>
              {conflict.version !== null ? `Someone saved version ${conflict.version} meanwhile — reload` : "Someone saved a newer version meanwhile — reload"} to
              edit the rules now in force. Your changes here are not saved.
            </span>
            <button type="button" className="btn-secondary" onClick={reload}>
              Reload
            </button>
          </div>
        ) : save.error instanceof ApiError && save.error.status === 422 ? (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            <p className="font-medium">The policy was not saved. Fix these fields:</p>
            <ul className="mt-1 list-disc pl-5">
              {Object.entries(fieldErrors).map(([key, messages]) => (
                <li key={key}>
                  <a className="underline" href={`#${id}-${controlKey(key)}`}>
                    {fieldLabel(key, actionLabel)}
                  </a>
                  : {messages.join("; ")}
                </li>
              ))}
            </ul>
          </div>
        ) : save.error ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            The policy was not saved: {save.error.message}
          </p>
        ) : null}
      </div>

      <fieldset disabled={!canEdit} className="min-w-0 space-y-6">
        <Section title="Approval tier limits" help="The highest action value each tier approves. Anything above the manager limit goes to finance.">
          <div className="grid gap-4 sm:grid-cols-2">
            <NumberField label="Planner limit" unit="$" control={control("rules.tierLimits.planner")} error={errorText("rules.tierLimits.planner")} help="Up to this value a planner approves." value={draft.plannerLimit} onChange={(v) => set("plannerLimit", v)} step="1" />
            <NumberField label="Manager limit" unit="$" control={control("rules.tierLimits.manager")} error={errorText("rules.tierLimits.manager")} help="Up to this value a manager approves; above it, finance." value={draft.managerLimit} onChange={(v) => set("managerLimit", v)} step="1" />
            <NumberField label="Confirm approvals above" unit="$" control={control("rules.confirmAboveValue")} error={errorText("rules.confirmAboveValue")} help="Approving an action worth more than this asks the approver to confirm it." value={draft.confirmAboveValue} onChange={(v) => set("confirmAboveValue", v)} step="1" />
          </div>
        </Section>

        <Section title="Auto-approval" help="The system approves an action on its own only when its type is whitelisted and every guard below passes.">
          <fieldset
            id={`${id}-${controlKey("rules.autoApproval.actionTypes")}`}
            tabIndex={-1}
            aria-describedby={errorsFor("rules.autoApproval.actionTypes").length ? `${id}-${controlKey("rules.autoApproval.actionTypes")}-error` : undefined}
          >
            <legend className="field-label">Action types approved automatically</legend>
            <ul className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
              {ACTION_TYPES.map((type) => {
                const never = NEVER_AUTO.has(type);
                return (
                  <li key={type}>
                    <label className={`flex items-start gap-2 text-sm ${never ? "text-slate-600" : "text-slate-900"}`}>
                      <input
                        type="checkbox"
                        className="mt-0.5 size-4 accent-brand-600"
                        checked={draft.actionTypes.includes(type)}
                        disabled={never}
                        onChange={(e) =>
                          set("actionTypes", e.target.checked ? [...draft.actionTypes, type] : draft.actionTypes.filter((t: TActionType) => t !== type))
                        }
                      />
                      <span>
                        {actionLabel(type)}
                        {never ? <span className="block text-xs">always needs a person</span> : null}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
            {errorText("rules.autoApproval.actionTypes")}
          </fieldset>
          <div className="mt-4 grid gap-4 sm:grid-cols-3">
            <NumberField label="Highest value approved automatically" unit="$" control={control("rules.autoApproval.maxValue")} error={errorText("rules.autoApproval.maxValue")} help="At most the planner limit." value={draft.maxValue} onChange={(v) => set("maxValue", v)} step="1" />
            <NumberField label="Minimum forecast confidence" control={control("rules.autoApproval.minConfidence")} error={errorText("rules.autoApproval.minConfidence")} help="From 0 to 1; 0.8 means 80 %." value={draft.minConfidence} onChange={(v) => set("minConfidence", v)} step="0.01" />
            <NumberField label="Sales data staleness limit" unit="days" control={control("rules.autoApproval.maxDataAgeDays")} error={errorText("rules.autoApproval.maxDataAgeDays")} help="Older sales data sends every action to a person." value={draft.maxDataAgeDays} onChange={(v) => set("maxDataAgeDays", v)} step="1" />
          </div>
        </Section>

        <Section title="Approval SLA" help="Hours an item may wait at each tier before the approvals inbox shows it as overdue.">
          <div className="grid gap-4 sm:grid-cols-3">
            {HUMAN_TIERS.map((tier: THumanTier) => (
              <NumberField
                key={tier}
                label={`${TIER_LABEL[tier]} SLA`}
                unit="hours"
                control={control(`rules.slaHours.${tier}`)}
                error={errorText(`rules.slaHours.${tier}`)}
                value={draft.slaHours[tier]}
                onChange={(v) => set("slaHours", { ...draft.slaHours, [tier]: v })}
                step="1"
              />
            ))}
          </div>
        </Section>

        <Section
          title="Daily volume"
          help="How many queue items each planner is offered a day, highest score first; the rest wait for the next day and still count in every total and KPI. An item whose best action nets less than the value bar is not offered: the queue shows it below the bar, and auto-approvable actions are still approved by the system."
        >
          <div className="grid gap-4 sm:grid-cols-3">
            <NumberField
              label="Queue items per planner per day"
              unit="items"
              control={control("rules.dailyItemsPerPlanner")}
              error={errorText("rules.dailyItemsPerPlanner")}
              value={draft.dailyItemsPerPlanner}
              onChange={(v) => set("dailyItemsPerPlanner", v)}
              step="1"
            />
            <NumberField
              label="Value bar (least net benefit worth a decision)"
              unit="$"
              control={control("rules.minDecisionValue")}
              error={errorText("rules.minDecisionValue")}
              value={draft.minDecisionValue}
              onChange={(v) => set("minDecisionValue", v)}
              step="1"
            />
          </div>
        </Section>

        <Section title="Minimum tier per action type" help="The lowest tier an action type needs whatever its value, e.g. supplier commitments go to a manager (buyer).">
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {ACTION_TYPES.map((type) => {
              const key = `rules.minimumTier.${type}`;
              return (
                <div key={type}>
                  <label htmlFor={control(key).id} className="field-label">
                    {actionLabel(type)}
                  </label>
                  <select
                    {...control(key)}
                    aria-describedby={errorsFor(key).length ? `${id}-${controlKey(key)}-error` : undefined}
                    className="field-input"
                    value={draft.minimumTier[type]}
                    onChange={(e) => set("minimumTier", { ...draft.minimumTier, [type]: e.target.value as THumanTier | "" })}
                  >
                    <option value="">By value only</option>
                    {HUMAN_TIERS.map((tier) => (
                      <option key={tier} value={tier}>
                        At least {TIER_LABEL[tier].toLowerCase()}
                      </option>
                    ))}
                  </select>
                  {errorText(key)}
                </div>
              );
            })}
          </div>
          {errorText("rules.minimumTier")}
        </Section>

        {canEdit ? (
          <div className="space-y-3 border-t border-slate-200 pt-4">
            <div>
              <label htmlFor={control("note").id} className="field-label">
                Change note <span className="font-normal text-slate-600">(required, kept with the version and in the audit log)</span>
              </label>
              <textarea
                {...control("note")}
                required
                aria-required="true"
                maxLength={500}
                rows={2}
                className={`field-input ${errorsFor("note").length ? "border-red-600" : ""}`}
                placeholder="Why the policy changes, e.g. “Raise planner limit for peak season”"
                value={draft.note}
                onChange={(e) => set("note", e.target.value)}
              />
              <p id={`${id}-note-help`} className="mt-1 text-xs text-slate-600">
                {draft.note.length}/500
              </p>
              {errorText("note")}
            </div>
            <div className="flex items-center gap-3">
              <button type="submit" className="btn-primary" disabled={save.isPending}>
                {save.isPending ? "Saving…" : `Save as version ${policy.version + 1}`}
              </button>
              <button
                type="button"
                className="btn-ghost"
                disabled={save.isPending}
                onClick={() => {
                  setDraft(draftOf(policy.rules));
                  save.reset();
                }}
              >
                Discard changes
              </button>
            </div>
          </div>
        ) : null}
      </fieldset>
    </form>
  );
}

function Section({ title, help, children }: { title: string; help: string; children: ReactNode }) {
  return (
    <section className="space-y-3">
      <div>
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        <p className="text-sm text-slate-600">{help}</p>
      </div>
      {children}
    </section>
  );
}

function FieldErrorText({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-800">
      {messages.join("; ")}
    </p>
  );
}

function NumberField(props: {
  label: string;
  unit?: string;
  help?: string;
  value: string;
  step: string;
  onChange: (value: string) => void;
  control: { id: string; "aria-invalid"?: boolean; "aria-describedby": string };
  error: ReactNode;
}) {
  const invalid = props.control["aria-invalid"];
  const helpId = `${props.control.id}-help`;
  return (
    <div>
      <label htmlFor={props.control.id} className="field-label">
        {props.label}
        {props.unit ? <span className="font-normal text-slate-600"> ({props.unit})</span> : null}
      </label>
      <input
        {...props.control}
        aria-describedby={props.help ? props.control["aria-describedby"] : props.control["aria-describedby"].replace(helpId, "").trim() || undefined}
        type="number"
        inputMode="decimal"
        min="0"
        step={props.step}
        className={`field-input tabular-nums ${invalid ? "border-red-600" : ""}`}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.help ? (
        <p id={helpId} className="mt-1 text-xs text-slate-600">
          {props.help}
        </p>
      ) : null}
      {props.error}
    </div>
  );
}
