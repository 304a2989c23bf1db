import { SchemaTable } from "./schema-table";

type JsonSchema = Record<string, unknown>;

export interface ApiOperationView {
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: { name: string; in: string; required: boolean; description?: string; schema: JsonSchema }[];
  /** The request body's schema, already resolved from its component when it was a reference. */
  body: JsonSchema | null;
  /** Event types (or other union members) of the body, by component name. */
  variants: { name: string; schema: JsonSchema }[];
  curl: string;
}

const METHOD_STYLE: Record<string, string> = {
  GET: "bg-sky-100 text-sky-800",
  POST: "bg-emerald-100 text-emerald-800",
  DELETE: "bg-rose-100 text-rose-800",
};

export function ApiOperation({ operation, components }: { operation: ApiOperationView; components: Record<string, JsonSchema> }) {
  const id = `${operation.method}-${operation.path}`.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  return (
    <section id={id} className="card p-4" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-base font-semibold text-slate-900">
        <span className={`rounded px-1.5 py-0.5 font-mono text-xs ${METHOD_STYLE[operation.method] ?? "bg-slate-100"}`}>{operation.method}</span>
        <span className="break-all font-mono text-sm">{operation.path}</span>
        <span className="font-normal text-slate-600">— {operation.summary}</span>
      </h2>
      <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{operation.description.replace(/`/g, "")}</p>
      {operation.parameters.length > 0 ? (
        <SchemaTable
          caption="Parameters"
          components={components}
          schema={{
            properties: Object.fromEntries(operation.parameters.map((p) => [`${p.name} (${p.in})`, { ...p.schema, description: p.description ?? p.schema.description }])),
            required: operation.parameters.filter((p) => p.required).map((p) => `${p.name} (${p.in})`),
          }}
        />
      ) : null}
      {operation.body ? <SchemaTable caption="Request body" schema={operation.body} components={components} /> : null}
      {operation.variants.map((variant) => (
        <details key={variant.name} className="mt-2">
          <summary className="cursor-pointer text-sm font-medium text-slate-800">
            {variant.name}
            {typeof variant.schema.description === "string" ? <span className="font-normal text-slate-600"> — {variant.schema.description}</span> : null}
          </summary>
          <SchemaTable caption={variant.name} schema={variant.schema} components={components} />
        </details>
      ))}
      <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Example</h3>
      <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{operation.curl}</pre>
    </section>
  );
}
