import type { Metadata } from "next";
import { DataStatusPanel } from "@/components/data/data-status-panel";
import { ImportUploader } from "@/components/data/import-uploader";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { db } from "@/lib/server/db";
import { getDataCoverage } from "@/lib/server/health/get-data-coverage";
import { getDataStatus } from "@/lib/server/health/get-data-status";
import { IMPORT_FILE_KINDS } from "@/lib/server/imports/import-batch";
import { can } from "@/lib/contracts/permissions";

export const metadata: Metadata = { title: "Data" };

export default async function DataPage() {
  const user = await requirePagePermission("imports.read", "/data");
  const [status, coverage] = await Promise.all([getDataStatus(db, { recent: 8 }), getDataCoverage(db)]);
  const mayImport = can(user.role, "imports.write");
  return (
    <>
      <PageHeader
        title="Data"
        description={
          mayImport
            ? "Import the canonical CSV files from your systems of record and check what the planning data currently reflects."
            : "What the planning data currently reflects: which files were imported, when and by whom."
        }
      />
      <div className="grid gap-5 xl:grid-cols-2">
        {mayImport ? <ImportUploader kinds={IMPORT_FILE_KINDS} /> : null}
        <DataStatusPanel status={status} coverage={coverage} />
      </div>
    </>
  );
}
