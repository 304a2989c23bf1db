-- DropIndex
DROP INDEX "Exception_status_score_idx";

-- AlterTable
ALTER TABLE "PlanRun" ADD COLUMN "scope" TEXT;

-- CreateIndex
CREATE INDEX "Exception_status_score_id_idx" ON "Exception"("status", "score", "id");

-- CreateIndex
CREATE INDEX "Exception_status_moneyAtRisk_id_idx" ON "Exception"("status", "moneyAtRisk", "id");

-- CreateIndex
CREATE INDEX "Exception_status_daysToImpact_id_idx" ON "Exception"("status", "daysToImpact", "id");

-- CreateIndex
CREATE INDEX "Exception_status_confidence_id_idx" ON "Exception"("status", "confidence", "id");

-- CreateIndex
CREATE INDEX "Exception_status_raisedAt_id_idx" ON "Exception"("status", "raisedAt", "id");

