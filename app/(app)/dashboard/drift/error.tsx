"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition } from "react";

/** The record could not be read: say so, offer a retry, never the internal message. */
export default function DriftSeriesError({ reset }: { error: Error; reset: () => void }) {
  const router = useRouter();
  // The page is a server component: fetch it afresh, then re-render the segment.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <section aria-labelledby="drift-error-title" className="card max-w-xl p-6">
      <h1 id="drift-error-title" className="text-lg font-semibold text-slate-900">
        The drifting series could not be loaded
      </h1>
      <p role="alert" className="mt-2 text-sm text-slate-700">
        Something went wrong while reading the drift record. Try again, or go back to the dashboard.
      </p>
      <div className="mt-4 flex gap-2">
        <button type="button" className="btn-secondary" onClick={retry}>
          Try again
        </button>
        <Link href="/dashboard" className="btn-secondary">
          Back to the dashboard
        </Link>
      </div>
    </section>
  );
}
