import { REASON_CODE_LABEL, REASON_CODES } from "@/lib/contracts/governance";

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
