import type { Metadata } from "next";
import { BriefingView } from "@/components/copilot/briefing-view";
import { BriefingSubscriptions } from "@/components/copilot/briefing-subscriptions";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { getLatestBriefing } from "@/lib/server/copilot/briefings/get-latest-briefing";
import { listSubscriptions } from "@/lib/server/copilot/briefings/manage-subscriptions";
import { db } from "@/lib/server/db";

export const metadata: Metadata = { title: "Briefing" };

export default async function BriefingPage() {
  const user = await requirePagePermission("exceptions.read", "/briefing");
  const [briefing, subscriptions] = await Promise.all([getLatestBriefing(db, user), listSubscriptions(db, user)]);
  return (
    <>
      <PageHeader title="Briefing" description="What changed in your scope with the latest plan run, what to do first, and who waits on you. Subscribe to get it by e-mail or webhook." />
      <BriefingView briefing={briefing} />
      <BriefingSubscriptions initial={subscriptions} />
    </>
  );
}
