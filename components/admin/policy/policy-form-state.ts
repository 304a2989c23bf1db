import { ACTION_TYPES, HUMAN_TIERS, type TActionType, type TApprovalPolicyRules, type THumanTier } from "@/lib/contracts/governance";

/** The editor's draft: numbers stay text while typed, so a half-typed "0." is not rejected on the spot. */
export interface PolicyDraft {
  actionTypes: TActionType[];
  maxValue: string;
  minConfidence: string;
  maxDataAgeDays: string;
  plannerLimit: string;
  managerLimit: string;
  confirmAboveValue: string;
  dailyItemsPerPlanner: string;
  minDecisionValue: string;
  minimumTier: Record<TActionType, THumanTier | "">;
  slaHours: Record<THumanTier, string>;
  note: string;
}

export function draftOf(rules: TApprovalPolicyRules): PolicyDraft {
  return {
    actionTypes: [...rules.autoApproval.actionTypes],
    maxValue: String(rules.autoApproval.maxValue),
    minConfidence: String(rules.autoApproval.minConfidence),
    maxDataAgeDays: String(rules.autoApproval.maxDataAgeDays),
    plannerLimit: String(rules.tierLimits.planner),
    managerLimit: String(rules.tierLimits.manager),
    confirmAboveValue: String(rules.confirmAboveValue),
    dailyItemsPerPlanner: String(rules.dailyItemsPerPlanner),
    minDecisionValue: String(rules.minDecisionValue),
    minimumTier: Object.fromEntries(ACTION_TYPES.map((t) => [t, rules.minimumTier[t] ?? ""])) as Record<TActionType, THumanTier | "">,
    slaHours: Object.fromEntries(HUMAN_TIERS.map((t) => [t, String(rules.slaHours[t])])) as Record<THumanTier, string>,
    note: "",
  };
}

/** Blank or non-numeric text is sent as null so the server's 422 names the field. */
const num = (text: string): number | null => {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
};

/** The PUT body's `rules`, as the server validates it (ZApprovalPolicyRules). */
export function rulesOf(draft: PolicyDraft) {
  return {
    autoApproval: {
      actionTypes: ACTION_TYPES.filter((t) => draft.actionTypes.includes(t)),
      maxValue: num(draft.maxValue),
      minConfidence: num(draft.minConfidence),
      maxDataAgeDays: num(draft.maxDataAgeDays),
    },
    tierLimits: { planner: num(draft.plannerLimit), manager: num(draft.managerLimit) },
    minimumTier: Object.fromEntries(ACTION_TYPES.flatMap((t) => (draft.minimumTier[t] ? [[t, draft.minimumTier[t]]] : []))),
    slaHours: Object.fromEntries(HUMAN_TIERS.map((t) => [t, num(draft.slaHours[t])])),
    confirmAboveValue: num(draft.confirmAboveValue),
    dailyItemsPerPlanner: num(draft.dailyItemsPerPlanner),
    minDecisionValue: num(draft.minDecisionValue),
  };
}

/** Field-error keys the server answers with (`rules.` + path), mapped to readable labels. */
export const FIELD_LABEL: Record<string, string> = {
  "autoApproval.actionTypes": "Auto-approved action types",
  "autoApproval.maxValue": "Auto-approval value limit",
  "autoApproval.minConfidence": "Minimum forecast confidence",
  "autoApproval.maxDataAgeDays": "Sales data staleness limit (days)",
  "tierLimits.planner": "Planner limit",
  "tierLimits.manager": "Manager limit",
  "slaHours.planner": "Planner SLA (hours)",
  "slaHours.manager": "Manager SLA (hours)",
  "slaHours.finance": "Finance SLA (hours)",
  confirmAboveValue: "Confirm approvals above",
  dailyItemsPerPlanner: "Queue items per planner per day",
  minDecisionValue: "Value bar (least net benefit worth a decision)",
  note: "Change note",
  basedOnVersion: "Version edited",
};

export function fieldLabel(path: string, actionTypeLabel: (t: string) => string): string {
  const key = path.replace(/^rules\./, "");
  if (FIELD_LABEL[key]) return FIELD_LABEL[key];
  const minimum = /^minimumTier\.(.+)$/.exec(key);
  if (minimum?.[1]) return `Minimum tier: ${actionTypeLabel(minimum[1])}`;
  if (key === "minimumTier") return "Minimum tier per action type";
  return key;
}
