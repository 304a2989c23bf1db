-- AlterTable
ALTER TABLE "ForecastOverride" ADD COLUMN     "sourceActionId" TEXT,
ALTER COLUMN "createdById" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "ForecastOverride_sourceActionId_key" ON "ForecastOverride"("sourceActionId");

-- AddForeignKey
ALTER TABLE "ForecastOverride" ADD CONSTRAINT "ForecastOverride_sourceActionId_fkey" FOREIGN KEY ("sourceActionId") REFERENCES "Recommendation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

