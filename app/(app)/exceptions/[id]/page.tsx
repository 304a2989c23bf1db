import type { Metadata } from "next";
import { ExceptionDetailView } from "@/components/exception-detail/exception-detail-view";
import { loadAssignablePeople } from "@/components/queue/load-queue-options";
import { workbenchViewerFor } from "@/components/queue/queue-options";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { db } from "@/lib/server/db";

export const metadata: Metadata = { title: "Exception" };

export default async function ExceptionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission("exceptions.read", `/exceptions/${encodeURIComponent(id)}`);
  const people = await loadAssignablePeople(db, user);
  return <ExceptionDetailView exceptionId={id} viewer={workbenchViewerFor(user)} people={people} />;
}
