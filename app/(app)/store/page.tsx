import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { StoreTasksView } from "@/components/store/store-tasks-view";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { db } from "@/lib/server/db";
import { listStoreTasks } from "@/lib/server/store-tasks/list-store-tasks";

export const metadata: Metadata = { title: "My store" };

export default async function StorePage() {
  const user = await requirePagePermission("inventory.flag_count", "/store");
  const tasks = await listStoreTasks(db, user);
  const storeNames = tasks.stores.map((s) => s.name).join(", ");
  return (
    <>
      <PageHeader title="My store" description={`Today's work for ${storeNames || "your stores"}: goods to ship or receive, shelves to count, deliveries due.`} />
      <StoreTasksView initial={tasks} />
    </>
  );
}
