import { formatInt, formatMoney } from "@/lib/contracts/format";
import type { TDailyCap } from "@/lib/contracts/exceptions";

const items = (count: number) => `${formatInt(count)} item${count === 1 ? "" : "s"}`;

/**
 * Says plainly how the planner's daily cap and the value bar shape the list: how many of the open
 * items are today's, how many wait and why, how many are below the value bar (their best action nets
 * too little to ask a person), with a way to see each part. Nothing is hidden: every part is one
 * click away and counts in every total and KPI.
 */
export function DailyCapNotice({ cap, onShow }: { cap: TDailyCap; onShow: (offer: TDailyCap["showing"]) => void }) {
  const reason = `Your approval policy (version ${cap.policyVersion}) offers each planner ${items(cap.cap)} a day, highest score first`;
  const bar = `the best action of ${items(cap.belowValueBar)} nets less than the policy's value bar of ${formatMoney(cap.minDecisionValue)}, so nobody is asked to decide ${cap.belowValueBar === 1 ? "it" : "them"}`;
  const decided = cap.decidedToday > 0 ? ` You have decided ${items(cap.decidedToday)} today.` : "";
  const link = (offer: TDailyCap["showing"], text: string) => (
    <button key={offer} type="button" className="font-medium text-sky-800 underline hover:text-sky-950" onClick={() => onShow(offer)}>
      {text}
    </button>
  );
  return (
    <div role="status" className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-xs text-sky-900">
      {cap.showing === "today" ? (
        <p>
          <strong className="font-semibold">Today: {items(cap.offered)}</strong> of {formatInt(cap.open)} open in your scope.{" "}
          {cap.waiting > 0 ? `${items(cap.waiting)} more wait for the next days. ` : ""}
          {cap.belowValueBar > 0 ? `Below the value bar: ${bar}. ` : ""}
          {cap.autoHandledToday > 0 ? `The system approved the best action of ${items(cap.autoHandledToday)} under the policy today; nobody needs to decide ${cap.autoHandledToday === 1 ? "it" : "them"}. ` : ""}
          {reason}.{decided} Waiting items and those below the bar still count in every total and on the dashboard.
        </p>
      ) : cap.showing === "waiting" ? (
        <p>
          <strong className="font-semibold">Waiting: {items(cap.waiting)}</strong> of {formatInt(cap.open)} open in your scope, beyond today&apos;s {items(cap.offered)}. {reason}.{decided}
        </p>
      ) : (
        <p>
          <strong className="font-semibold">Below the value bar: {items(cap.belowValueBar)}</strong> of {formatInt(cap.open)} open in your scope: {bar}. They
          are shown for information; you may still act on one, and one whose value passes the bar in a later plan is offered.
        </p>
      )}
      {cap.showing !== "today" ? link("today", "Back to today's items") : null}
      {cap.showing !== "waiting" && cap.waiting > 0 ? link("waiting", `Show the ${items(cap.waiting)} waiting`) : null}
      {cap.showing !== "below-bar" && cap.belowValueBar > 0 ? link("below-bar", `Show the ${items(cap.belowValueBar)} below the value bar`) : null}
    </div>
  );
}
