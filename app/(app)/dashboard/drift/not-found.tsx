import Link from "next/link";

// Shown for an unknown SKU or category and, identically, for one outside the viewer's scope.
export default function DriftGroupNotFoundPage() {
  return (
    <section aria-labelledby="drift-not-found-title" className="card max-w-xl p-6">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">404 · Not found</p>
      <h1 id="drift-not-found-title" className="mt-1 text-lg font-semibold text-slate-900">
        Drift group not found
      </h1>
      <p className="mt-2 text-sm text-slate-700">It is not a SKU or category in the stores, regions or categories you work on.</p>
      <Link href="/dashboard" className="btn-secondary mt-4">
        Back to the dashboard
      </Link>
    </section>
  );
}
