import { formatInt } from "@/lib/contracts/format";
import type { TDailyCap } from "@/lib/contracts/exceptions";

const items = (count: number) => `${formatInt(count)} item${count === 1 ? "" : "s"}`;

/**
 * Says plainly how the planner's daily cap shapes the list: how many of the open items are today's,
 * how many wait and why, with a way to see the waiting ones. Nothing is hidden: the waiting items
 * are one click away and count in every total and KPI.
 */
export function DailyCapNotice({ cap, onShow }: { cap: TDailyCap; onShow: (offer: TDailyCap["showing"]) => void }) {
  const reason = `Your approval policy (version ${cap.policyVersion}) offers each planner ${items(cap.cap)} a day, highest score first`;
  const decided = cap.decidedToday > 0 ? ` You have decided ${items(cap.decidedToday)} today.` : "";
  return (
    <div role="status" className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-xs text-sky-900">
      {cap.showing === "today" ? (
        <p>
          <strong className="font-semibold">Today: {items(cap.offered)}</strong> of {formatInt(cap.open)} open in your scope.{" "}
          {cap.waiting > 0 ? `${items(cap.waiting)} more wait for the next days. ` : ""}
          {reason}.{decided} Waiting items still count in every total and on the dashboard.
        </p>
      ) : (
        <p>
          <strong className="font-semibold">Waiting: {items(cap.waiting)}</strong> of {formatInt(cap.open)} open in your scope, beyond today&apos;s {items(cap.offered)}. {reason}.{decided}
        </p>
      )}
      {cap.showing === "today" && cap.waiting === 0 ? null : (
        <button type="button" className="font-medium text-sky-800 underline hover:text-sky-950" onClick={() => onShow(cap.showing === "today" ? "waiting" : "today")}>
          {cap.showing === "today" ? `Show the ${items(cap.waiting)} waiting` : "Back to today's items"}
        </button>
      )}
    </div>
  );
}
