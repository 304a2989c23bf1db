-- AlterTable
ALTER TABLE "PlanRun" ADD COLUMN "heartbeatAt" DATETIME;
ALTER TABLE "PlanRun" ADD COLUMN "retryOfId" TEXT;
ALTER TABLE "PlanRun" ADD COLUMN "workerId" TEXT;

-- CreateIndex
CREATE INDEX "PlanRun_status_heartbeatAt_idx" ON "PlanRun"("status", "heartbeatAt");

