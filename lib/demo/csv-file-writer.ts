import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

const FLUSH_AT_CHARS = 1 << 20;

/** Where the generators put their rows: a CSV file, or memory for the simulation. */
export interface RowSink {
  /** Adds one data row; returns true when `flush()` should be awaited. */
  add(cells: readonly (string | number)[]): boolean;
  flush(): Promise<void>;
}

/**
 * Writes a CSV file line by line with bounded memory: lines gather in a ~1 MB buffer that is handed
 * to the file stream, waiting for it to drain when the disk is slower than the generator.
 */
export class CsvFileWriter implements RowSink {
  rows = 0;
  private buffer = "";
  private readonly stream: WriteStream;

  constructor(file: string, header: readonly string[]) {
    this.stream = createWriteStream(file);
    this.buffer = `${header.join(",")}\n`;
  }

  /** Adds one data row; returns true when `flush()` should be awaited. */
  add(cells: readonly (string | number)[]): boolean {
    this.buffer += `${cells.map(csvCell).join(",")}\n`;
    this.rows++;
    return this.buffer.length >= FLUSH_AT_CHARS;
  }

  async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = "";
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  async close(): Promise<number> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
    return this.rows;
  }
}

function csvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
