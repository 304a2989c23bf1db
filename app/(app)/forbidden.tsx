import Link from "next/link";

export default function ForbiddenPage() {
  return (
    <section aria-labelledby="forbidden-title" className="card max-w-xl p-6">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">403 · Not allowed</p>
      <h1 id="forbidden-title" className="mt-1 text-lg font-semibold text-slate-900">
        Your role does not give access to this page
      </h1>
      <p className="mt-2 text-sm text-slate-700">
        If you need it for your work, ask an administrator to change your role or scope. Every change of role is recorded in the
        audit log.
      </p>
      <Link href="/" className="btn-secondary mt-4">
        Go to your start page
      </Link>
    </section>
  );
}
