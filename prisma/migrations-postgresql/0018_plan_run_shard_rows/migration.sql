-- CreateTable
CREATE TABLE "PlanRunShardException" (
    "planRunId" TEXT NOT NULL,
    "shardNo" INTEGER NOT NULL,
    "identityKey" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "PlanRunShardException_pkey" PRIMARY KEY ("planRunId","identityKey")
);

-- CreateTable
CREATE TABLE "PlanRunShardSeries" (
    "planRunId" TEXT NOT NULL,
    "shardNo" INTEGER NOT NULL,
    "seriesId" TEXT NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "PlanRunShardSeries_pkey" PRIMARY KEY ("planRunId","seriesId")
);

-- CreateIndex
CREATE INDEX "PlanRunShardException_planRunId_shardNo_idx" ON "PlanRunShardException"("planRunId", "shardNo");

-- CreateIndex
CREATE INDEX "PlanRunShardSeries_planRunId_shardNo_idx" ON "PlanRunShardSeries"("planRunId", "shardNo");

-- AddForeignKey
ALTER TABLE "PlanRunShardException" ADD CONSTRAINT "PlanRunShardException_planRunId_fkey" FOREIGN KEY ("planRunId") REFERENCES "PlanRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanRunShardSeries" ADD CONSTRAINT "PlanRunShardSeries_planRunId_fkey" FOREIGN KEY ("planRunId") REFERENCES "PlanRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

