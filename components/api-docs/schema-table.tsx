type JsonSchema = Record<string, unknown>;

/** One line per property: the facts a reader needs, from the generated JSON Schema. */
function describeType(schema: JsonSchema, components: Record<string, JsonSchema>): string {
  const ref = typeof schema.$ref === "string" ? schema.$ref.split("/").pop()! : null;
  if (ref) return ref;
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(union)) return union.map((s) => describeType(s, components)).join(" | ");
  if (schema.type === "array") {
    const item = describeType((schema.items as JsonSchema | undefined) ?? {}, components);
    return item.includes(" | ") ? `(${item})[]` : `${item}[]`;
  }
  const limits = [
    schema.format,
    schema.minimum !== undefined ? `≥ ${String(schema.minimum)}` : null,
    schema.maximum !== undefined ? `≤ ${String(schema.maximum)}` : null,
    schema.maxLength !== undefined ? `≤ ${String(schema.maxLength)} chars` : null,
  ].filter(Boolean);
  return `${String(schema.type ?? "any")}${limits.length > 0 ? ` (${limits.join(", ")})` : ""}`;
}

export function SchemaTable({ schema, components, caption }: { schema: JsonSchema; components: Record<string, JsonSchema>; caption: string }) {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return (
    <div className="mt-2 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th className="px-2 py-1 font-medium">Field</th>
            <th className="px-2 py-1 font-medium">Type</th>
            <th className="px-2 py-1 font-medium">Notes</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(properties).map(([name, property]) => (
            <tr key={name} className="border-t border-slate-100 align-top">
              <td className="px-2 py-1 font-mono text-xs">
                {name}
                {required.has(name) ? "" : "?"}
              </td>
              <td className="px-2 py-1 font-mono text-xs text-slate-700">{describeType(property, components)}</td>
              <td className="px-2 py-1 text-slate-600">{typeof property.description === "string" ? property.description : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
