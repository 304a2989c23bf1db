import "server-only";
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { parse, CsvError } from "csv-parse/sync";
import type { CsvColumns } from "../../contracts/imports";
import type { CsvChunk } from "./daily-rows";
import { checkHeader, CSV_PARSE_OPTIONS } from "./read-csv-rows";

const LINE_FEED = 0x0a;
const QUOTE = 0x22;

/**
 * Cuts a CSV stream into runs of whole records of about `targetBytes`, each ending on a line feed
 * outside quotes: a line feed is a record boundary when the quotes before it are even in number
 * (a quoted cell opens and closes with one, an escaped quote is two), so a cell spanning lines is
 * never cut. Each chunk carries the line its first record starts on. Also hashes every byte.
 */
export class CsvChunkReader {
  private readonly hash = createHash("sha256");
  private bytes = 0;
  private digest: string | null = null;

  constructor(
    private readonly source: Readable,
    private readonly targetBytes: number,
  ) {}

  bytesRead(): number {
    return this.bytes;
  }

  /** SHA-256 of the file's bytes; only complete once `chunks()` is exhausted. */
  checksum(fileName: string): string {
    if (this.digest === null) throw new Error(`checksum of ${fileName} requested before the file was read`);
    return this.digest;
  }

  async *chunks(): AsyncGenerator<CsvChunk> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let firstLine = 1;
    for await (const piece of this.source) {
      const buffer = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as string);
      this.bytes += buffer.length;
      this.hash.update(buffer);
      pending.push(buffer);
      pendingBytes += buffer.length;
      if (pendingBytes < this.targetBytes) continue;
      const joined = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      const cut = lastRecordBoundary(joined);
      if (cut === -1) {
        pending = [joined]; // one record longer than the target: read on
        continue;
      }
      const bytes = joined.subarray(0, cut + 1);
      yield { bytes, firstLine };
      firstLine += countLineFeeds(bytes);
      const rest = joined.subarray(cut + 1);
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
    }
    this.digest = this.hash.digest("hex");
    if (pendingBytes > 0) yield { bytes: Buffer.concat(pending, pendingBytes), firstLine };
  }
}

/** The last line feed with an even number of quotes before it, or -1. */
export function lastRecordBoundary(bytes: Buffer): number {
  const quotes: number[] = [];
  for (let at = bytes.indexOf(QUOTE); at !== -1; at = bytes.indexOf(QUOTE, at + 1)) quotes.push(at);
  let feed = bytes.lastIndexOf(LINE_FEED);
  while (feed !== -1) {
    if (quotesBefore(quotes, feed) % 2 === 0) return feed;
    feed = feed === 0 ? -1 : bytes.lastIndexOf(LINE_FEED, feed - 1);
  }
  return -1;
}

function quotesBefore(sorted: number[], position: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function countLineFeeds(bytes: Uint8Array): number {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (let at = buffer.indexOf(LINE_FEED); at !== -1; at = buffer.indexOf(LINE_FEED, at + 1)) count++;
  return count;
}

/**
 * Splits the header off a file's first chunk, checked as the sequential reader checks it (blank
 * lines before it are skipped). Null when the header does not end in a line feed within the chunk
 * (a file of one line, or one whose records end in bare carriage returns): such a file is read
 * sequentially.
 */
export function splitHeader(first: CsvChunk, fileName: string, columns: CsvColumns): { header: string[]; rest: CsvChunk } | null {
  const bytes = Buffer.from(first.bytes.buffer, first.bytes.byteOffset, first.bytes.byteLength);
  for (let feed = bytes.indexOf(LINE_FEED); feed !== -1; feed = bytes.indexOf(LINE_FEED, feed + 1)) {
    const head = bytes.subarray(0, feed + 1);
    if (countQuotes(head) % 2 !== 0) continue; // a quoted header cell spanning lines
    let records: string[][];
    try {
      records = parse(head, CSV_PARSE_OPTIONS) as string[][];
    } catch (error) {
      if (error instanceof CsvError) return null; // the sequential reader reports it exactly
      throw error;
    }
    const record = records.find((cells) => !(cells.length === 1 && cells[0] === ""));
    if (record === undefined) continue;
    const header = checkHeader(record, fileName, columns);
    return { header, rest: { bytes: bytes.subarray(feed + 1), firstLine: first.firstLine + countLineFeeds(head) } };
  }
  return null;
}

function countQuotes(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(QUOTE); at !== -1; at = bytes.indexOf(QUOTE, at + 1)) count++;
  return count;
}
