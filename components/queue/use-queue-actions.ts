"use client";

import { useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { TExceptionListItem, TExceptionListPage } from "@/lib/contracts/exceptions";
import { ApiError, errorMessage } from "@/components/ui/api-client";
import { fetchExceptionDetail, postExceptionDecision } from "./workbench-api";
import { useToast } from "@/components/ui/toaster";

type QueueData = InfiniteData<TExceptionListPage, string | null>;
type Snapshot = [readonly unknown[], QueueData | undefined][];

function snapshotQueue(client: QueryClient): Snapshot {
  return client.getQueriesData<QueueData>({ queryKey: ["exceptions"] });
}

function restoreQueue(client: QueryClient, snapshot: Snapshot) {
  for (const [key, data] of snapshot) client.setQueryData(key, data);
}

function withEditedRows(data: QueueData, edit: (items: TExceptionListItem[]) => TExceptionListItem[]): QueueData {
  const pages = data.pages.map((page) => ({ ...page, items: edit(page.items) }));
  const removed = data.pages.reduce((sum, page, i) => sum + page.items.length - pages[i]!.items.length, 0);
  // Only the first page carries the count of matching rows; rows leaving any loaded page leave it too.
  const first = pages[0];
  if (first && first.total !== null) pages[0] = { ...first, total: Math.max(0, first.total - removed) };
  return { ...data, pages };
}

/** Applies a change to the rows of every cached queue page (all filter combinations). */
function editQueueRows(client: QueryClient, edit: (items: TExceptionListItem[]) => TExceptionListItem[]) {
  client.setQueriesData<QueueData>({ queryKey: ["exceptions"] }, (data) =>
    data ? withEditedRows(data, edit) : data,
  );
}

/**
 * Approves the exception's best action still awaiting approval. The list carries no
 * recommendation ids, so the detail is read first; its refusal text (tier, segregation of duties)
 * is shown as is when the user may not approve.
 */
async function approveTopAction(client: QueryClient, exceptionId: string) {
  const detail = await client.fetchQuery({ queryKey: ["exception", exceptionId], queryFn: () => fetchExceptionDetail(exceptionId), staleTime: 0 });
  const action = detail.recommendations.find((r) => r.status === "pending");
  if (!action) throw new ApiError(409, "NOTHING_TO_APPROVE", "No recommended action on this exception is awaiting approval.");
  if (action.refusals.approve) throw new ApiError(403, "REFUSED", action.refusals.approve);
  const result = await postExceptionDecision(exceptionId, { decision: "approve", recommendationId: action.id, expectedVersion: action.version });
  client.setQueryData(["exception", exceptionId], result.exception);
}

function describe(rows: TExceptionListItem[]): string {
  return rows.length === 1 ? `${rows[0]!.product.name} at ${rows[0]!.location.code}` : `${rows.length} exceptions`;
}

/**
 * Queue triage with optimistic updates: rows leave the list (approve, snooze) or show their new
 * assignee at once; when the server refuses, the rows come back and the user reads the server's
 * reason. Bulk actions run one exception after another so each gets its own verdict.
 */
export function useQueueActions() {
  const client = useQueryClient();
  const { notify } = useToast();

  const run = useCallback(
    async (
      rows: TExceptionListItem[],
      optimistic: (items: TExceptionListItem[]) => TExceptionListItem[],
      perform: (row: TExceptionListItem) => Promise<void>,
      verb: { present: string; past: string },
    ) => {
      if (rows.length === 0) return;
      await client.cancelQueries({ queryKey: ["exceptions"] });
      const snapshot = snapshotQueue(client);
      editQueueRows(client, optimistic);
      const failures: { row: TExceptionListItem; message: string }[] = [];
      for (const row of rows) {
        try {
          await perform(row);
        } catch (error) {
          failures.push({ row, message: errorMessage(error) });
        }
      }
      if (failures.length > 0) {
        restoreQueue(client, snapshot);
        const first = failures[0]!;
        const prefix =
          rows.length === 1 ? `Could not ${verb.present} ${describe(rows)}` : `Could not ${verb.present} ${failures.length} of ${rows.length} exceptions`;
        notify("error", `${prefix}: ${first.message}`);
      }
      const done = rows.length - failures.length;
      if (done > 0) notify("success", `${verb.past} ${rows.length === 1 ? describe(rows) : `${done} exceptions`}.`);
      await client.invalidateQueries({ queryKey: ["exceptions"] });
      return failures.length === 0;
    },
    [client, notify],
  );

  const without = (rows: TExceptionListItem[]) => {
    const ids = new Set(rows.map((r) => r.id));
    return (items: TExceptionListItem[]) => items.filter((item) => !ids.has(item.id));
  };

  const approve = useCallback(
    (rows: TExceptionListItem[]) => run(rows, without(rows), (row) => approveTopAction(client, row.id), { present: "approve", past: "Approved" }),
    [client, run],
  );

  const snooze = useCallback(
    (rows: TExceptionListItem[], until: string, comment?: string) =>
      run(
        rows,
        without(rows),
        async (row) => {
          const result = await postExceptionDecision(row.id, { decision: "snooze", expectedVersion: row.version, until, comment });
          client.setQueryData(["exception", row.id], result.exception);
        },
        { present: "snooze", past: "Snoozed" },
      ),
    [client, run],
  );

  const assign = useCallback(
    (rows: TExceptionListItem[], assignee: { id: string; name: string } | null) => {
      const ids = new Set(rows.map((r) => r.id));
      return run(
        rows,
        (items) => items.map((item) => (ids.has(item.id) ? { ...item, assignee } : item)),
        async (row) => {
          const result = await postExceptionDecision(row.id, { decision: "assign", expectedVersion: row.version, assigneeId: assignee?.id ?? null });
          client.setQueryData(["exception", row.id], result.exception);
        },
        assignee ? { present: "assign", past: `Assigned to ${assignee.name}:` } : { present: "unassign", past: "Unassigned" },
      );
    },
    [client, run],
  );

  return { approve, snooze, assign };
}
