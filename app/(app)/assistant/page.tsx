import type { Metadata } from "next";
import { AssistantTokens } from "@/components/copilot/assistant-tokens";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { listAgentTokens } from "@/lib/server/copilot/agent/manage-agent-tokens";
import { db } from "@/lib/server/db";

export const metadata: Metadata = { title: "AI assistant" };

export default async function AssistantPage() {
  const user = await requirePagePermission("exceptions.read", "/assistant");
  const tokens = await listAgentTokens(db, user);
  return (
    <>
      <PageHeader
        title="Connect an AI assistant"
        description="An assistant connected over MCP acts as you: it sees your scope, approves only up to your tier, and everything it changes is audited as “agent via token …”. Anything above your tier waits for a person."
      />
      <AssistantTokens initial={tokens} />
    </>
  );
}
