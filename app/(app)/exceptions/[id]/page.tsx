import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ExceptionDetailView } from "@/components/exception-detail/exception-detail-view";
import { loadAssignablePeople } from "@/lib/server/exceptions/load-queue-options";
import { workbenchViewerFor } from "@/components/queue/queue-options";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { db } from "@/lib/server/db";
import { isAppError } from "@/lib/server/app-error";
import { loadExceptionInScope } from "@/lib/server/exceptions/load-exception-in-scope";

export const metadata: Metadata = { title: "Exception" };

export default async function ExceptionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission("exceptions.read", `/exceptions/${encodeURIComponent(id)}`);
  // An exception outside the viewer's scope is a 404 page, exactly like one that does not exist.
  try {
    await loadExceptionInScope(db, user, id);
  } catch (error) {
    if (isAppError(error) && error.status === 404) notFound();
    throw error;
  }
  const people = await loadAssignablePeople(db, user);
  return <ExceptionDetailView exceptionId={id} viewer={workbenchViewerFor(user)} people={people} />;
}
