/** Where and why a file was refused. `line` is 1-based with the header on line 1; 0 means the file as a whole. */
export interface ImportErrorDetail {
  file: string;
  line: number;
  column: string | null;
  value: string | null;
  message: string;
}

/** An expected import failure: the data is wrong, not the code. Carries the precise location. */
export class ImportFileError extends Error {
  readonly code = "IMPORT_FILE_INVALID";

  constructor(readonly detail: ImportErrorDetail) {
    super(formatImportError(detail));
    this.name = "ImportFileError";
  }
}

export function formatImportError(detail: ImportErrorDetail): string {
  const where = [detail.file, detail.line > 0 ? `line ${detail.line}` : null, detail.column ? `column ${detail.column}` : null]
    .filter((part) => part !== null)
    .join(", ");
  const value = detail.value === null ? "" : ` (value "${detail.value}")`;
  return `${where}: ${detail.message}${value}`;
}
