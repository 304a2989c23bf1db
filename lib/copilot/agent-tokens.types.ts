import { z } from "zod";

export const ZCreateAgentTokenRequest = z.object({
  name: z.string().trim().min(1, "Name the assistant, e.g. “Claude on my laptop”.").max(80),
});
export type TCreateAgentTokenRequest = z.infer<typeof ZCreateAgentTokenRequest>;

export const ZAgentTokenIdParams = z.object({ id: z.string().min(1).max(64) });

/** An assistant token as its owner sees it; the secret is shown once, at creation. */
export interface TAgentTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TCreatedAgentToken {
  token: TAgentTokenView;
  secret: string;
}
