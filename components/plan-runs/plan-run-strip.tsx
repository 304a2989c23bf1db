"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { formatDate, formatDuration, formatInt, formatRelative, formatSalesThrough } from "@/lib/contracts/format";
import { errorMessage } from "@/components/ui/api-client";
import { fetchPlanRun, fetchPlanRuns, startPlanRun, type PlanRunView } from "@/components/queue/workbench-api";
import { useToast } from "@/components/ui/toaster";

const STAGE_LABEL: Record<string, string> = {
  snapshot: "Reading data",
  forecast: "Forecasting",
  planning: "Planning inventory",
  persist: "Saving the plan",
  publish: "Publishing exceptions",
};
const POLL_MS = 1_000;

const isActive = (run: PlanRunView | undefined | null) => run?.status === "queued" || run?.status === "running";

function RunProgress({ run }: { run: PlanRunView }) {
  const pct = Math.round(Math.max(0, Math.min(1, run.progress)) * 100);
  const stage = run.status === "queued" ? "Queued" : (STAGE_LABEL[run.stage ?? ""] ?? "Running");
  return (
    <div className="flex min-w-0 flex-1 items-center gap-3">
      <span aria-hidden="true" className="h-2 w-2 shrink-0 animate-pulse rounded-full bg-brand-600" />
      <span className="shrink-0 font-medium text-slate-900">Plan run in progress</span>
      <div
        role="progressbar"
        aria-label="Plan run progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}% — ${stage}`}
        className="h-1.5 w-40 shrink-0 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width] duration-300" style={{ width: `${pct}%` }} />
      </div>
      <span className="truncate tabular-nums text-slate-600">
        {stage} · {pct}%
      </span>
    </div>
  );
}

function LatestRunSummary({ run, failed }: { run: PlanRunView | null; failed: PlanRunView | null }) {
  if (!run) {
    return <span className="text-slate-600">No plan run yet. The queue fills after the first run over imported data.</span>;
  }
  const total = run.stageTimings?.total;
  const open = run.counts ? (run.counts.opened ?? 0) + (run.counts.updated ?? 0) + (run.counts.reopened ?? 0) : null;
  return (
    <span className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-0.5 text-slate-700">
      <span aria-hidden="true" className={`h-2 w-2 shrink-0 rounded-full ${failed ? "bg-amber-500" : "bg-emerald-500"}`} />
      <span>
        Plan for <span className="font-medium text-slate-900">{formatDate(run.asOf)}</span>
      </span>
      <span className="text-slate-400">·</span>
      <span>sales through {formatSalesThrough(run.asOf)}</span>
      <span className="text-slate-400">·</span>
      <span title={run.finishedAt ?? undefined}>ran {run.finishedAt ? formatRelative(run.finishedAt) : "—"}</span>
      {total !== undefined ? <span className="hidden tabular-nums text-slate-600 lg:inline">in {formatDuration(total)}</span> : null}
      {open !== null ? (
        <>
          <span className="text-slate-400">·</span>
          <span className="tabular-nums">{formatInt(open)} exceptions raised or updated</span>
        </>
      ) : null}
      {failed ? <span className="text-amber-800">· the latest run failed: {failed.error ?? "see the data page"}</span> : null}
    </span>
  );
}

/**
 * The plan's freshness above the queue: when the latest run finished, live progress while one is
 * going (polling its status), and Replan for roles that may start one. When a run ends the queue
 * reloads, so what the user triages always comes from the newest plan.
 */
export function PlanRunStrip({ canStart }: { canStart: boolean }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const runs = useQuery({ queryKey: ["plan-runs"], queryFn: fetchPlanRuns });
  const [trackedRunId, setTrackedRunId] = useState<string | null>(null);
  const activeFromList = runs.data?.runs.find(isActive) ?? null;
  const activeId = trackedRunId ?? activeFromList?.id ?? null;
  const active = useQuery({
    queryKey: ["plan-run", activeId],
    queryFn: () => fetchPlanRun(activeId!),
    enabled: activeId !== null,
    refetchInterval: (query) => (isActive(query.state.data) || !query.state.data ? POLL_MS : false),
  });
  const finishedRef = useRef<string | null>(null);

  useEffect(() => {
    const run = active.data;
    if (!run || isActive(run) || finishedRef.current === run.id) return;
    finishedRef.current = run.id;
    setTrackedRunId(null);
    void queryClient.invalidateQueries({ queryKey: ["plan-runs"] });
    void queryClient.invalidateQueries({ queryKey: ["exceptions"] });
    if (run.status === "succeeded") notify("success", "Plan run finished. The queue shows the new plan.");
    else notify("error", `Plan run failed: ${run.error ?? "no reason given"}`);
  }, [active.data, notify, queryClient]);

  const replan = useMutation({
    mutationFn: startPlanRun,
    onSuccess: (run) => {
      finishedRef.current = null;
      setTrackedRunId(run.id);
      queryClient.setQueryData(["plan-run", run.id], run);
    },
    onError: (error) => notify("error", errorMessage(error)),
  });

  const running = isActive(active.data) || (activeId !== null && !active.data);
  const latestRun = runs.data?.runs[0] ?? null;
  const failedLatest = latestRun?.status === "failed" ? latestRun : null;
  return (
    <section aria-label="Plan run status" className="mb-3 flex min-h-10 items-center gap-3 rounded-md border border-slate-200 bg-white px-3 py-1.5 text-sm">
      {runs.isPending ? (
        <span className="h-3 w-72 animate-pulse rounded bg-slate-100" aria-label="Loading plan run status" />
      ) : runs.isError ? (
        <span className="text-red-800">Plan run status unavailable: {errorMessage(runs.error)}</span>
      ) : running && active.data ? (
        <RunProgress run={active.data} />
      ) : running ? (
        <span className="text-slate-700">Starting plan run…</span>
      ) : (
        <LatestRunSummary run={runs.data.latestSucceeded} failed={failedLatest} />
      )}
      <span className="flex-1" />
      {canStart ? (
        <button type="button" className="btn-secondary h-7 shrink-0 px-2.5 py-0 text-xs" onClick={() => replan.mutate()} disabled={running || replan.isPending}>
          {running || replan.isPending ? "Replanning…" : "Replan"}
        </button>
      ) : null}
    </section>
  );
}
