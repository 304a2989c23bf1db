import "server-only";
import { formatImportError, type ImportErrorDetail } from "../../contracts/imports";

/** Longest value echoed back in an error, the import history and the audit log. */
export const MAX_ECHOED_VALUE_CHARACTERS = 120;

/** A bad value as it may be shown: cut to a readable length, saying how long it really was. */
export function echoedValue(value: string): string {
  if (value.length <= MAX_ECHOED_VALUE_CHARACTERS) return value;
  return `${value.slice(0, MAX_ECHOED_VALUE_CHARACTERS)}… (${value.length.toLocaleString("en")} characters)`;
}

/** An expected import failure: the data is wrong, not the code. Carries the precise location. */
export class ImportFileError extends Error {
  readonly code = "IMPORT_FILE_INVALID";
  readonly detail: ImportErrorDetail;

  constructor(detail: ImportErrorDetail) {
    const shown = { ...detail, value: detail.value === null ? null : echoedValue(detail.value) };
    super(formatImportError(shown));
    this.name = "ImportFileError";
    this.detail = shown;
  }
}
