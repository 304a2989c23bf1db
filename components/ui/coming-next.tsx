/** Honest placeholder for a page whose feature is not built yet: what it will do, no fake numbers. */
export function ComingNext({ summary, items }: { summary: string; items: string[] }) {
  return (
    <section aria-labelledby="coming-next-title" className="card max-w-3xl p-5">
      <div className="flex items-center gap-2">
        <span className="badge bg-amber-100 text-amber-900">Coming next</span>
        <h2 id="coming-next-title" className="text-sm font-semibold text-slate-900">
          Not built yet
        </h2>
      </div>
      <p className="mt-2 text-sm text-slate-700">{summary}</p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}
