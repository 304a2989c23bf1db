import Link from "next/link";
import type { ReactNode } from "react";
import type { DataCoverage } from "@/lib/contracts/imports";
import { coverageDetails, coverageSummary } from "./data-coverage";
import { CommandBar } from "@/components/copilot/command-bar";
import { roleLabel } from "@/lib/contracts/permissions";
import { NavLink } from "./nav-link";
import type { NavItem } from "./nav-items";
import { SignOutButton } from "./sign-out-button";

export interface ShellUser {
  name: string;
  email: string;
  role: string;
}

export interface ShellDataFreshness {
  coverage: DataCoverage;
  lastAttemptFailed: boolean;
}

function DataFreshness({ data, linkable }: { data: ShellDataFreshness; linkable: boolean }) {
  const { coverage } = data;
  const stale = coverage.salesAgeDays !== null && coverage.salesAgeDays > 2;
  const dot = data.lastAttemptFailed || stale || coverage.missing.length > 0 ? "bg-amber-500" : coverage.salesTo ? "bg-emerald-500" : "bg-slate-400";
  const content = (
    <>
      <span aria-hidden="true" className={`h-2 w-2 shrink-0 rounded-full ${dot}`} />
      <span className="truncate">{coverageSummary(coverage)}</span>
      {coverage.missing.length > 0 && coverage.salesTo ? <span className="whitespace-nowrap text-amber-800">· no {coverage.missing.join(", no ")}</span> : null}
      {data.lastAttemptFailed ? <span className="whitespace-nowrap text-amber-800">· last import failed</span> : null}
    </>
  );
  const cls = "hidden min-w-0 items-center gap-2 rounded-md px-2 py-1 text-xs text-slate-600 md:flex";
  const title = coverageDetails(coverage).join(" ");
  return linkable ? (
    <Link href="/data" className={`${cls} hover:bg-slate-100`} title={title}>
      {content}
    </Link>
  ) : (
    <p className={cls} title={title}>
      {content}
    </p>
  );
}

export function AppShell({
  user,
  nav,
  data,
  children,
}: {
  user: ShellUser;
  nav: NavItem[];
  data: ShellDataFreshness;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only z-50 rounded bg-white px-3 py-2 focus:not-sr-only focus:fixed focus:left-2 focus:top-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-40 flex h-12 items-center justify-between gap-2 border-b border-slate-200 bg-white px-3 md:px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/favicon.svg" alt="" width={20} height={20} />
          Stockpilot
        </Link>
        <div className="flex min-w-0 items-center gap-3">
          <CommandBar />
          <DataFreshness data={data} linkable={nav.some((n) => n.href === "/data")} />
          <div className="hidden h-5 w-px bg-slate-200 md:block" aria-hidden="true" />
          <div className="min-w-0 text-right leading-tight">
            <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
            <p className="text-xs text-slate-600">
              <span className="sr-only">Role: </span>
              {roleLabel(user.role)}
            </p>
          </div>
          <SignOutButton />
        </div>
      </header>
      {/* Phones get the navigation as one row of tabs under the header; wider screens a sidebar. */}
      <div className="flex flex-1 flex-col md:flex-row">
        <nav aria-label="Main" className="shrink-0 border-b border-slate-200 bg-white px-2 py-1.5 md:w-48 md:border-b-0 md:border-r md:py-3">
          <ul className="flex flex-wrap gap-0.5 md:block md:space-y-0.5">
            {nav.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href} label={item.label} />
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-3 py-4 md:px-6 md:py-5">
          {children}
        </main>
      </div>
    </div>
  );
}
