import "server-only";
import { Worker } from "node:worker_threads";
import type { CheckedChunk, CsvChunk, DailyFileKind, DailyRowRefs } from "./daily-rows";
import type { LocationRef, ProductRef } from "./reference-data";

export type RowCheckRequest =
  | { type: "file"; kind: DailyFileKind; fileName: string; header: string[]; locations: [string, LocationRef][]; products: [string, ProductRef][] }
  | { type: "chunk"; seq: number; chunk: CsvChunk };

interface RowCheckResponse {
  seq: number;
  checked: CheckedChunk;
}

/** Chunks each thread holds at once, so none idles while a result travels back. */
const CHUNKS_IN_FLIGHT_PER_THREAD = 2;

/**
 * Threads that parse and check the rows of large daily files (daily-rows.ts), started once per
 * import: under tsx each start loads the TypeScript toolchain (about a second), which a thread per
 * file would pay again. Chunks go round the threads; results come back in file order.
 */
export class RowCheckThreads {
  private readonly waiting = new Map<number, { resolve: (checked: CheckedChunk) => void; reject: (error: Error) => void }>();
  private failure: Error | null = null;
  private nextSeq = 0;

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on("message", ({ seq, checked }: RowCheckResponse) => {
        this.waiting.get(seq)?.resolve(checked);
        this.waiting.delete(seq);
      });
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (code !== 0) this.fail(new Error(`row-check thread exited with code ${code}`));
      });
    }
  }

  static start(count: number): RowCheckThreads {
    return new RowCheckThreads(Array.from({ length: Math.max(1, count) }, startWorker));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Checks a file's chunks across the threads, yielding each chunk with its result in file order. */
  async *check(
    file: { kind: DailyFileKind; fileName: string; header: string[]; refs: DailyRowRefs },
    chunks: AsyncIterable<CsvChunk>,
  ): AsyncGenerator<{ chunk: CsvChunk; checked: CheckedChunk }> {
    const request: RowCheckRequest = {
      type: "file",
      kind: file.kind,
      fileName: file.fileName,
      header: file.header,
      locations: [...file.refs.locations],
      products: [...file.refs.products],
    };
    for (const worker of this.workers) worker.postMessage(request);
    const source = chunks[Symbol.asyncIterator]();
    const queue: { chunk: CsvChunk; checked: Promise<CheckedChunk> }[] = [];
    let exhausted = false;
    const fill = async () => {
      while (!exhausted && queue.length < this.workers.length * CHUNKS_IN_FLIGHT_PER_THREAD) {
        const next = await source.next();
        if (next.done) exhausted = true;
        else queue.push({ chunk: next.value, checked: this.submit(next.value) });
      }
    };
    await fill();
    while (queue.length > 0) {
      const head = queue.shift()!;
      await fill();
      yield { chunk: head.chunk, checked: await head.checked };
    }
  }

  async close(): Promise<void> {
    for (const { reject } of this.waiting.values()) reject(new Error("row-check threads closed"));
    this.waiting.clear();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private submit(chunk: CsvChunk): Promise<CheckedChunk> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = this.nextSeq++;
    const checked = new Promise<CheckedChunk>((resolve, reject) => this.waiting.set(seq, { resolve, reject }));
    // The caller keeps its chunk (a duplicate's row is read back from it); the thread gets its own copy.
    const bytes = new Uint8Array(chunk.bytes);
    const request: RowCheckRequest = { type: "chunk", seq, chunk: { bytes, firstLine: chunk.firstLine } };
    this.workers[seq % this.workers.length]!.postMessage(request, [bytes.buffer]);
    // A rejection nobody awaits yet (the file stopped at an earlier chunk) must not crash the process.
    checked.catch(() => undefined);
    return checked;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}

function startWorker(): Worker {
  const typescript = import.meta.url.endsWith(".ts");
  const url = new URL(typescript ? "./row-check-worker.ts" : "./row-check-worker.js", import.meta.url);
  // The thread imports server modules: resolve "server-only" as a server bundle does.
  const execArgv = process.execArgv.includes("--conditions=react-server") ? process.execArgv : [...process.execArgv, "--conditions=react-server"];
  if (!typescript) return new Worker(url, { execArgv });
  // Under tsx or vitest the thread is TypeScript too: load it through tsx's import API, as the forecast threads do.
  const bootstrap = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(bootstrap, { eval: true, execArgv });
}
