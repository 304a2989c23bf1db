"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { formatAge, formatDate, formatDaysToImpact, formatMoney, formatPercent } from "@/lib/contracts/format";
import { AssignDialog } from "@/components/queue/assign-dialog";
import { EXCEPTION_STATUS_LABEL, exceptionPlaceName, exceptionSubjectName } from "@/lib/contracts/exceptions";
import { TIER_LABEL } from "@/lib/contracts/governance";
import { LAST_QUEUE_SEARCH_KEY } from "@/components/queue/queue-search";
import type { WorkbenchViewer } from "@/components/queue/queue-options";
import { ExceptionTypeBadge } from "@/components/queue/queue-table";
import { SnoozeDialog } from "@/components/queue/snooze-dialog";
import { Toaster } from "@/components/ui/toaster";
import { useBrowserStorage } from "@/components/ui/use-browser-storage";
import { ApiError, errorMessage } from "@/components/ui/api-client";
import { fetchExceptionDetail, fetchPlanRun } from "@/components/queue/workbench-api";
import type { TExceptionDetail, TRecommendationView, TSeriesChart } from "@/lib/contracts/exceptions";
import { Comments } from "./comments";
import { History, RootCause, Section, Trace } from "./detail-sections";
import { ExceptionChart } from "./exception-chart";
import { approvedForecastAdjustment, ForecastOverrideForm } from "./forecast-override-form";
import { ForecastOverrides } from "./forecast-overrides";
import { RecommendedActions } from "./recommended-actions";
import { useExceptionDecision } from "./use-exception-decision";

/** Back to the queue with the filters the user left it with. */
function QueueBackLink() {
  const [search] = useBrowserStorage("session", LAST_QUEUE_SEARCH_KEY);
  const href = search ? `/queue?${search}` : "/queue";
  return (
    <Link href={href} className="inline-flex items-center gap-1 rounded text-xs font-medium text-slate-600 hover:text-slate-900">
      <span aria-hidden="true">←</span> Queue
    </Link>
  );
}

/** What queued a replan of the series: a forecast override, or the approval of a recommended forecast change. */
type ReplanCause = "override" | "approval";
const REPLAN_CAUSE: Record<ReplanCause, { with: string; saved: string }> = {
  override: { with: "your override", saved: "The override is saved" },
  approval: { with: "the approved forecast change", saved: "The approval and its forecast change are saved" },
};

/** Polls the replan a forecast override or an approved forecast change started, then reloads the exception from the new plan. */
function ReplanNotice({ runId, cause, exceptionId, onDone }: { runId: string; cause: ReplanCause; exceptionId: string; onDone: () => void }) {
  const client = useQueryClient();
  const run = useQuery({
    queryKey: ["plan-run", runId],
    queryFn: () => fetchPlanRun(runId),
    refetchInterval: (query) => (query.state.data?.status === "succeeded" || query.state.data?.status === "failed" ? false : 1_000),
  });
  const status = run.data?.status;
  useEffect(() => {
    if (status !== "succeeded" && status !== "failed") return;
    void client.invalidateQueries({ queryKey: ["exception", exceptionId] });
    void client.invalidateQueries({ queryKey: ["exceptions"] });
  }, [status, client, exceptionId]);
  const pct = Math.round((run.data?.progress ?? 0) * 100);
  return (
    <div role="status" className="mb-4 flex items-center gap-3 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-800">
      {status === "failed" ? (
        <span className="text-red-800">
          Replan failed: {run.data?.error ?? "no reason given"}. {REPLAN_CAUSE[cause].saved}; the next plan run uses it.
        </span>
      ) : status === "succeeded" ? (
        <span>Replanned with {REPLAN_CAUSE[cause].with}. The numbers below are from the new plan.</span>
      ) : (
        <span className="tabular-nums">
          Replanning this series with {REPLAN_CAUSE[cause].with}… {pct}%
        </span>
      )}
      <span className="flex-1" />
      {status === "succeeded" || status === "failed" ? (
        <button type="button" className="rounded px-1.5 text-xs hover:bg-brand-100" onClick={onDone}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}

function ScoreFactor({ label, value, note, tone = "text-slate-900" }: { label: string; value: string; note?: string; tone?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className={`mt-0.5 text-base font-semibold tabular-nums ${tone}`}>
        {value}
        {note ? <span className="ml-1.5 text-xs font-normal text-slate-600">{note}</span> : null}
      </dd>
    </div>
  );
}

const Operator = ({ sign }: { sign: string }) => (
  <span aria-hidden="true" className="self-end pb-0.5 text-lg text-slate-400">
    {sign}
  </span>
);

/** score = money at risk × urgency × confidence, with each factor visible so the ranking can be checked. */
function ScoreFormula({ detail }: { detail: TExceptionDetail }) {
  const c = detail.scoreComponents;
  const urgent = c.daysUntilImpact <= 2;
  return (
    <section aria-label="Score" className="mb-4 flex flex-wrap items-stretch gap-x-5 gap-y-3 rounded-lg border border-slate-200 bg-white px-4 py-3">
      <dl className="flex flex-wrap items-stretch gap-x-4 gap-y-2">
        <ScoreFactor label="Score" value={formatMoney(c.score)} />
        <Operator sign="=" />
        <ScoreFactor label="Money at risk" value={formatMoney(c.moneyAtRisk)} />
        <Operator sign="×" />
        <ScoreFactor label="Urgency" value={c.urgency.toFixed(2)} note={`impact ${formatDaysToImpact(c.daysUntilImpact)}`} tone={urgent ? "text-red-800" : "text-slate-900"} />
        <Operator sign="×" />
        <ScoreFactor label="Confidence" value={formatPercent(c.confidence)} />
      </dl>
      <span className="flex-1" />
      <dl className="border-l border-slate-200 pl-5">
        <ScoreFactor
          label="Approval needed"
          value={detail.tierRequired ? `${TIER_LABEL[detail.tierRequired]}${detail.belowValueBar ? " · below the value bar: nobody is asked" : ""}` : "—"}
        />
      </dl>
    </section>
  );
}

function DetailSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the exception" className="space-y-4">
      <div className="h-4 w-24 animate-pulse rounded bg-slate-200" />
      <div className="h-7 w-96 max-w-full animate-pulse rounded bg-slate-200" />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-4">
          <div className="card h-40 animate-pulse bg-slate-100" />
          <div className="card h-80 animate-pulse bg-slate-100" />
        </div>
        <div className="card h-64 animate-pulse bg-slate-100" />
      </div>
    </div>
  );
}

function DetailBody({ detail, viewer, people }: { detail: TExceptionDetail; viewer: WorkbenchViewer; people: { id: string; name: string }[] }) {
  const [replan, setReplan] = useState<{ runId: string; cause: ReplanCause } | null>(null);
  const [dialog, setDialog] = useState<"snooze" | "assign" | null>(null);
  const decide = useExceptionDecision(detail.id, viewer, (runId, decision) =>
    setReplan({ runId, cause: decision === "override_forecast" ? "override" : "approval" }),
  );
  const subject = `${exceptionSubjectName(detail)} at ${exceptionPlaceName(detail)}`;
  const pendingCount = detail.recommendations.filter((r) => r.status === "pending").length;

  return (
    <div>
      <QueueBackLink />
      <div className="mt-1 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <ExceptionTypeBadge type={detail.type} />
            <span className="badge bg-slate-100 text-slate-700">{EXCEPTION_STATUS_LABEL[detail.status]}</span>
            {detail.status === "snoozed" && detail.snoozedUntil ? <span className="text-xs text-slate-600">until {formatDate(detail.snoozedUntil)}</span> : null}
          </div>
          <h1 className="mt-1.5 text-lg font-semibold text-slate-900">{subject}</h1>
          <p className="mt-0.5 text-xs text-slate-600">
            {detail.product.sku} · {detail.product.category} · {detail.location.code} · {detail.location.region}
            {detail.supplier ? ` · supplier ${detail.supplier.name}` : ""} · raised {formatAge(detail.raisedAt)} ago · assigned to{" "}
            <span className="font-medium text-slate-800">{detail.assignee?.name ?? "nobody"}</span>
          </p>
        </div>
        {detail.can.triage ? (
          <div className="flex shrink-0 gap-1.5">
            {detail.assignee?.id !== viewer.id ? (
              <button
                type="button"
                className="btn-secondary h-8"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ decision: "assign", expectedVersion: detail.version, assigneeId: viewer.id })}
              >
                Assign to me
              </button>
            ) : null}
            <button type="button" className="btn-secondary h-8" onClick={() => setDialog("assign")} disabled={decide.isPending}>
              Assign…
            </button>
            <button type="button" className="btn-secondary h-8" onClick={() => setDialog("snooze")} disabled={decide.isPending || detail.status !== "open"}>
              Snooze…
            </button>
          </div>
        ) : null}
      </div>

      <div className="mt-4" />
      <ScoreFormula detail={detail} />

      {replan ? <ReplanNotice key={replan.runId} runId={replan.runId} cause={replan.cause} exceptionId={detail.id} onDone={() => setReplan(null)} /> : null}

      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-4">
          <RootCause detail={detail} />
          <Section
            title="Recommended actions"
            id="actions-title"
            actions={pendingCount > 0 ? <span className="text-xs text-slate-600">{pendingCount} awaiting approval</span> : null}
          >
            <RecommendedActions actions={detail.recommendations} busy={decide.isPending} onDecide={(request) => decide.mutate(request)} />
          </Section>
          <Section title={chartTitle(detail)} id="chart-title">
            <div className="px-4 py-3">
              {detail.chart ? <ExceptionChart chart={chartOfTheseActions(detail.chart, detail.recommendations)} /> : <p className="text-sm text-slate-600">No chart data for this series in the latest plan run.</p>}
            </div>
            <ForecastOverrides overrides={detail.forecastOverrides} />
          </Section>
          <History detail={detail} />
        </div>
        <div className="space-y-4">
          {detail.can.overrideForecast ? (
            <Section title="Override the forecast" id="override-title">
              <ForecastOverrideForm
                asOf={detail.trace.asOf}
                chart={detail.chart}
                approvedAdjustment={approvedForecastAdjustment(detail)}
                busy={decide.isPending}
                onSubmit={(request) => decide.mutate(request)}
              />
            </Section>
          ) : null}
          <Section title="Comments" id="comments-title">
            <Comments comments={detail.comments} canComment={detail.can.triage} busy={decide.isPending} onComment={(body) => decide.mutate({ decision: "comment", body })} />
          </Section>
          <Trace detail={detail} />
        </div>
      </div>

      <SnoozeDialog
        open={dialog === "snooze"}
        subject={subject}
        onClose={() => setDialog(null)}
        onConfirm={({ until, comment }) => {
          setDialog(null);
          decide.mutate({ decision: "snooze", expectedVersion: detail.version, until, comment });
        }}
      />
      <AssignDialog
        open={dialog === "assign"}
        subject={subject}
        viewer={viewer}
        people={people}
        onClose={() => setDialog(null)}
        onConfirm={(assigneeId) => {
          setDialog(null);
          decide.mutate({ decision: "assign", expectedVersion: detail.version, assigneeId });
        }}
      />
    </div>
  );
}

function DetailLoader({ exceptionId, viewer, people }: { exceptionId: string; viewer: WorkbenchViewer; people: { id: string; name: string }[] }) {
  const detail = useQuery({ queryKey: ["exception", exceptionId], queryFn: () => fetchExceptionDetail(exceptionId), staleTime: 5_000 });
  if (detail.isPending) return <DetailSkeleton />;
  if (detail.isError) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <div className="card max-w-xl p-5">
        <QueueBackLink />
        <h1 className="mt-2 text-base font-semibold text-slate-900">{missing ? "Exception not found" : "The exception could not be loaded"}</h1>
        <p role="alert" className="mt-1 text-sm text-slate-700">
          {errorMessage(detail.error)}
        </p>
        {missing ? null : (
          <button type="button" className="btn-secondary mt-3" onClick={() => void detail.refetch()}>
            Try again
          </button>
        )}
      </div>
    );
  }
  return <DetailBody detail={detail.data} viewer={viewer} people={people} />;
}

/** Exception detail: why (root cause, drivers, chart), what to do (ranked actions), and the decisions taken. */
export function ExceptionDetailView(props: { exceptionId: string; viewer: WorkbenchViewer; people: { id: string; name: string }[] }) {
  return (
    <Toaster>
      <DetailLoader {...props} />
    </Toaster>
  );
}

/**
 * The chart's "on hand with …" line projects the series plan's own action. Another exception on the
 * same series (a supplier delay over a SKU whose plan cuts a different PO) recommends something else,
 * and a line "with cut PO (780 units)" beside "Confirm or cancel PO 252 units" contradicts the page:
 * the line is drawn only when one of this exception's actions is of that kind.
 */
function chartOfTheseActions(chart: TSeriesChart, actions: TRecommendationView[]): TSeriesChart {
  const withAction = chart.projectedOnHandWithAction;
  if (!withAction || actions.some((action) => action.actionType === withAction.actionType)) return chart;
  return { ...chart, projectedOnHandWithAction: null };
}

/** A group's chart is one member series': a cluster's first store, a supplier cut's largest SKU; the title says which. */
function chartTitle(detail: TExceptionDetail): string {
  const title = "Sales, forecast and projected inventory";
  if (detail.chartLocation) return `${title} at ${detail.chartLocation.name}`;
  if (detail.supplierOrderGroup) return `${title} of ${detail.product.name}, the largest SKU, at ${detail.location.name}`;
  return title;
}
