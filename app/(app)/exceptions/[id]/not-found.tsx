import Link from "next/link";

// Shown for an exception that does not exist and, identically, for one outside the viewer's scope.
export default function ExceptionNotFoundPage() {
  return (
    <section aria-labelledby="exception-not-found-title" className="card max-w-xl p-6">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">404 · Not found</p>
      <h1 id="exception-not-found-title" className="mt-1 text-lg font-semibold text-slate-900">
        Exception not found
      </h1>
      <p className="mt-2 text-sm text-slate-700">
        It may have been closed by a later plan run, or it is not in the stores, regions or categories you work on.
      </p>
      <Link href="/queue" className="btn-secondary mt-4">
        Back to the queue
      </Link>
    </section>
  );
}
