import "server-only";
import { db } from "../../db";
import { defaultDeliveryChannels, deliverDueBriefings } from "./deliver-briefings";

const INTERVAL_MS = 60_000;
const state = globalThis as unknown as { stockpilotBriefingDelivery?: NodeJS.Timeout };

/** In the server process: retry due digests every minute (one timer per process). */
export function startBriefingDelivery(): void {
  if (state.stockpilotBriefingDelivery) return;
  const channels = defaultDeliveryChannels();
  let running = false;
  state.stockpilotBriefingDelivery = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueBriefings(db, channels)
      .catch((error: unknown) => console.error("briefing delivery failed", error))
      .finally(() => (running = false));
  }, INTERVAL_MS);
  state.stockpilotBriefingDelivery.unref();
}
