"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { z } from "zod";
import { APPROVAL_TIERS } from "@/lib/contracts/governance";

const ZModificationPreview = z.object({
  quantity: z.number(),
  cost: z.number(),
  benefit: z.number(),
  netBenefit: z.number(),
  value: z.number(),
  tier: z.enum(APPROVAL_TIERS),
  routingReasons: z.array(z.string()),
});
export type ModificationPreview = z.infer<typeof ZModificationPreview>;

const ZErrorAnswer = z.object({ error: z.object({ message: z.string(), fieldErrors: z.record(z.string(), z.array(z.string())).optional() }) });

/** Typing pauses this long before the server is asked, so each keystroke is not a request. */
const DEBOUNCE_MS = 350;

async function fetchPreview(recommendationId: string, quantity: number): Promise<ModificationPreview> {
  const response = await fetch(`/api/v1/recommendations/${encodeURIComponent(recommendationId)}/preview`, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify({ quantity }),
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const answer = ZErrorAnswer.safeParse(body);
    const details = answer.success ? Object.values(answer.data.error.fieldErrors ?? {}).flat() : [];
    throw new Error(answer.success ? [answer.data.error.message, ...details].join(" ") : "The re-evaluation is not available right now.");
  }
  return ZModificationPreview.parse(body);
}

/**
 * The engine's re-evaluation of an action at the quantity being typed (debounced): cost, benefit,
 * value and the tier it would route to, read from the preview endpoint, which writes nothing.
 */
export function useModificationPreview(recommendationId: string, quantityText: string) {
  const [settled, setSettled] = useState(quantityText);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(quantityText), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [quantityText]);
  const quantity = Number(settled);
  const valid = settled.trim() !== "" && Number.isFinite(quantity) && quantity > 0;
  const query = useQuery({
    queryKey: ["recommendation-preview", recommendationId, quantity],
    queryFn: () => fetchPreview(recommendationId, quantity),
    enabled: valid,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
  });
  return { ...query, valid, pending: settled !== quantityText || query.isFetching };
}
