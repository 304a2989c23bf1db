import "server-only";
import type { Db } from "../../db";
import { defaultDeliveryChannels, deliverDueBriefings, type DeliveryChannels } from "./deliver-briefings";
import { generateBriefings } from "./generate-briefings";

/**
 * Called once a plan run has committed its success: brief everyone and send the digests that are
 * due. Never fails the run — a problem here is logged, and undelivered digests are retried by the
 * delivery loop.
 */
export async function briefAfterPlanRun(db: Db, runId: string, channels: DeliveryChannels = defaultDeliveryChannels()): Promise<void> {
  try {
    const outcome = await generateBriefings(db, runId);
    if (outcome.deliveries > 0) await deliverDueBriefings(db, channels);
  } catch (error) {
    console.error(`plan run ${runId}: briefings failed`, error);
  }
}
