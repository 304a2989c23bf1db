import { REASON_CODE_LABEL } from "@/components/governance-labels";
import { REASON_CODES } from "@/lib/server/governance/decisions.types";

/** The options of a decision-reason `<select>`: a disabled prompt, then every reason code. */
export function ReasonCodeOptions() {
  return (
    <>
      <option value="" disabled>
        Choose a reason…
      </option>
      {REASON_CODES.map((code) => (
        <option key={code} value={code}>
          {REASON_CODE_LABEL[code]}
        </option>
      ))}
    </>
  );
}
