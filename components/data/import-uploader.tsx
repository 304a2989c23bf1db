"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type DragEvent } from "react";
import { formatBytes, formatDuration, formatInt } from "@/lib/contracts/format";
import { createLineReader, type ImportResult, type ImportStreamLine } from "./import-stream";

type Phase =
  | { name: "idle" }
  | { name: "uploading"; loaded: number; total: number }
  | { name: "processing"; files: Record<string, { fileName: string; rows: number; bytesRead: number; sizeBytes?: number }>; current: string | null }
  | { name: "succeeded"; result: Extract<ImportResult, { status: "succeeded" }> }
  | { name: "failed"; result: Extract<ImportResult, { status: "failed" }> }
  | { name: "rejected"; message: string; problems: string[] };

function kindOf(fileName: string, kinds: readonly string[]): string | null {
  const base = fileName.toLowerCase().replace(/\.csv$/, "");
  return kinds.find((k) => k === base) ?? null;
}

function ProgressBar({ label, value, detail }: { label: string; value: number; detail: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(value * 100)));
  return (
    <div>
      <div className="flex items-baseline justify-between text-sm">
        <span className="font-medium text-slate-900">{label}</span>
        <span className="tabular-nums text-slate-700">{pct}%</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}% — ${detail}`}
        className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width] duration-150" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600">{detail}</p>
    </div>
  );
}

/** Uploads canonical CSV files and shows upload progress, then server-side import progress, then the result. */
export function ImportUploader({ kinds }: { kinds: readonly string[] }) {
  const inputId = useId();
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const busy = phase.name === "uploading" || phase.name === "processing";

  const chooseFiles = (list: FileList | null) => {
    if (!list) return;
    setFiles(Array.from(list));
    setPhase({ name: "idle" });
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!busy) chooseFiles(event.dataTransfer.files);
  };

  const unknown = files.filter((f) => kindOf(f.name, kinds) === null);

  const start = () => {
    const form = new FormData();
    for (const f of files) form.append("files", f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/imports");
    xhr.setRequestHeader("accept", "application/x-ndjson, application/json");
    const total = files.reduce((s, f) => s + f.size, 0);
    setPhase({ name: "uploading", loaded: 0, total });

    xhr.upload.onprogress = (e) => setPhase({ name: "uploading", loaded: e.loaded, total: e.lengthComputable ? e.total : total });
    xhr.upload.onload = () => setPhase({ name: "processing", files: {}, current: null });

    let finished = false;
    const onLine = (line: ImportStreamLine) => {
      if (line.type === "progress") {
        setPhase((p) => {
          const prev = p.name === "processing" ? p.files : {};
          return { name: "processing", current: line.kind, files: { ...prev, [line.kind]: line } };
        });
      } else if (line.type === "started") {
        setPhase({
          name: "processing",
          current: null,
          files: Object.fromEntries(line.files.map((f) => [f.kind, { fileName: f.fileName, rows: 0, bytesRead: 0, sizeBytes: f.sizeBytes }])),
        });
      } else if (line.type === "result") {
        finished = true;
        if (line.result.status === "succeeded") {
          setPhase({ name: "succeeded", result: line.result });
          setFiles([]);
          if (inputRef.current) inputRef.current.value = "";
          router.refresh();
        } else {
          setPhase({ name: "failed", result: line.result });
          router.refresh();
        }
      } else if (line.type === "error") {
        finished = true;
        setPhase({ name: "rejected", message: line.message, problems: [] });
        router.refresh();
      }
    };
    const read = createLineReader(onLine);
    const isStream = () => (xhr.getResponseHeader("content-type") ?? "").includes("ndjson");

    xhr.onprogress = () => {
      if (xhr.status === 200 && isStream()) read(xhr.responseText);
    };
    xhr.onload = () => {
      if (xhr.status === 200 && isStream()) {
        read(xhr.responseText, true);
        if (!finished) setPhase({ name: "rejected", message: "The connection ended before the import reported a result. Check the data status below.", problems: [] });
        return;
      }
      let message = `The server answered ${xhr.status}.`;
      let problems: string[] = [];
      try {
        const body = JSON.parse(xhr.responseText) as { error?: { message?: string; fieldErrors?: Record<string, string[]> } };
        message = body.error?.message ?? message;
        problems = Object.values(body.error?.fieldErrors ?? {}).flat();
      } catch {
        /* keep the status message */
      }
      if (xhr.status === 401) message = "Your session has ended. Sign in again, then retry the import.";
      setPhase({ name: "rejected", message, problems });
    };
    xhr.onerror = () => setPhase({ name: "rejected", message: "The upload was interrupted (network error). Nothing was imported.", problems: [] });
    xhr.send(form);
  };

  return (
    <section aria-labelledby="import-title" className="card">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id="import-title" className="text-sm font-semibold text-slate-900">
          Import CSV files
        </h2>
        <p className="mt-0.5 text-xs text-slate-600">
          Canonical file names:{" "}
          {kinds.map((k, i) => (
            <span key={k}>
              {i > 0 ? ", " : ""}
              <code className="font-mono text-xs">{k}.csv</code>
            </span>
          ))}
          . A batch is all-or-nothing: one bad row and nothing is written.
          Importing the same data again changes nothing.
        </p>
      </div>
      <div className="space-y-4 px-4 py-4">
        <div
          onDragOver={(e) => {
            e.preventDefault();
            if (!busy) setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={`rounded-lg border-2 border-dashed px-4 py-6 text-center ${dragging ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-slate-50"}`}
        >
          <label htmlFor={inputId} className="field-label">
            Drop CSV files here, or choose them
          </label>
          <input
            ref={inputRef}
            id={inputId}
            type="file"
            multiple
            accept=".csv,text/csv"
            disabled={busy}
            onChange={(e) => chooseFiles(e.target.files)}
            className="mx-auto mt-2 block text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
          />
        </div>

        {files.length > 0 ? (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Selected files</caption>
            <thead className="text-xs text-slate-600">
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-1.5 pr-4 font-medium">File</th>
                <th scope="col" className="py-1.5 pr-4 font-medium">Imported as</th>
                <th scope="col" className="py-1.5 text-right font-medium">Size</th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => {
                const kind = kindOf(f.name, kinds);
                return (
                  <tr key={`${f.name}-${f.size}`} className="border-b border-slate-100 last:border-0">
                    <td className="py-1.5 pr-4 font-mono text-xs">{f.name}</td>
                    <td className={`py-1.5 pr-4 ${kind ? "text-slate-700" : "font-medium text-red-800"}`}>{kind ?? "not a canonical file name"}</td>
                    <td className="py-1.5 text-right tabular-nums text-slate-700">{formatBytes(f.size)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}

        <div className="flex items-center gap-3">
          <button type="button" className="btn-primary" disabled={busy || files.length === 0 || unknown.length > 0} onClick={start}>
            {busy ? "Importing…" : `Import ${files.length || ""} ${files.length === 1 ? "file" : "files"}`.replace("  ", " ")}
          </button>
          {unknown.length > 0 ? (
            <p className="text-sm text-red-800">Rename or remove the files marked in red: only canonical file names can be imported.</p>
          ) : null}
        </div>

        <div aria-live="polite" className="space-y-3">
          {phase.name === "uploading" ? (
            <ProgressBar
              label="Uploading"
              value={phase.total > 0 ? phase.loaded / phase.total : 0}
              detail={`${formatBytes(phase.loaded)} of ${formatBytes(phase.total)} sent`}
            />
          ) : null}
          {phase.name === "processing" ? <ProcessingProgress phase={phase} /> : null}
          {phase.name === "succeeded" ? <SuccessResult result={phase.result} /> : null}
          {phase.name === "failed" ? <FailureResult result={phase.result} /> : null}
          {phase.name === "rejected" ? (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
              <p className="font-medium">{phase.message}</p>
              {phase.problems.length > 0 ? (
                <ul className="mt-1 list-disc pl-5">
                  {phase.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : null}
              <p className="mt-1">Nothing was written.</p>
            </div>
          ) : null}
        </div>
      </div>
    </section>
  );
}

function ProcessingProgress({ phase }: { phase: Extract<Phase, { name: "processing" }> }) {
  const entries = Object.values(phase.files);
  const size = entries.reduce((s, f) => s + (f.sizeBytes ?? 0), 0);
  const read = entries.reduce((s, f) => s + Math.min(f.bytesRead, f.sizeBytes ?? f.bytesRead), 0);
  const rows = entries.reduce((s, f) => s + f.rows, 0);
  const current = phase.current ? phase.files[phase.current] : null;
  return (
    <ProgressBar
      label="Validating and importing"
      value={size > 0 ? read / size : 0}
      detail={current ? `${current.fileName}: ${formatInt(current.rows)} rows read · ${formatInt(rows)} rows in total` : "Waiting for the server to start…"}
    />
  );
}

function SuccessResult({ result }: { result: Extract<ImportResult, { status: "succeeded" }> }) {
  const total = Object.values(result.rows).reduce((s, n) => s + n, 0);
  return (
    <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-950">
      <p className="font-medium">
        Import succeeded: {formatInt(total)} rows in {formatDuration(result.durationMs)}.
        {result.unchanged ? " The data was already up to date; nothing changed." : ""}
      </p>
      <ul className="mt-1.5 grid grid-cols-2 gap-x-8 gap-y-0.5">
        {Object.entries(result.rows).map(([kind, n]) => (
          <li key={kind} className="flex justify-between gap-2">
            <span>{kind}</span>
            <span className="tabular-nums">{formatInt(n)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function FailureResult({ result }: { result: Extract<ImportResult, { status: "failed" }> }) {
  const { error, errors, moreErrors, hint } = result;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-950">
      <p className="font-semibold">Import failed. Nothing was written: the whole batch was rolled back.</p>
      {hint ? <p className="mt-2 rounded bg-white/70 px-2 py-1.5 font-medium">{hint}</p> : null}
      <p className="mt-2">
        {errors.length > 1 ? `${errors.length}${moreErrors ? " (of more)" : ""} problems in` : "The problem, in"} <code className="font-mono text-xs">{error.file}</code>
        {moreErrors ? `; the first ${errors.length} are listed` : ""}:
      </p>
      <div className="mt-1 max-h-96 overflow-auto rounded border border-red-200 bg-white">
        <table className="w-full text-left text-xs">
          <caption className="sr-only">Problems by line</caption>
          <thead className="sticky top-0 bg-red-50 text-red-800">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">Line</th>
              <th scope="col" className="px-2 py-1 font-medium">Column</th>
              <th scope="col" className="px-2 py-1 font-medium">Value</th>
              <th scope="col" className="px-2 py-1 font-medium">Problem</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((detail, i) => (
              <tr key={i} className={`border-t border-red-100 align-top ${detail === error || (detail.line === error.line && detail.message === error.message) ? "font-semibold" : ""}`}>
                <td className="px-2 py-1 tabular-nums">{detail.line > 0 ? detail.line : "—"}</td>
                <td className="px-2 py-1 font-mono break-all">{detail.column ?? "—"}</td>
                <td className="px-2 py-1 font-mono break-all">{detail.value === null ? "—" : JSON.stringify(detail.value)}</td>
                <td className="px-2 py-1 break-words">{detail.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2">Fix the file and import the batch again.</p>
    </div>
  );
}
