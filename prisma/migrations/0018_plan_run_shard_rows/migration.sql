-- CreateTable
CREATE TABLE "PlanRunShardException" (
    "planRunId" TEXT NOT NULL,
    "shardNo" INTEGER NOT NULL,
    "identityKey" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "data" TEXT NOT NULL,

    PRIMARY KEY ("planRunId", "identityKey"),
    CONSTRAINT "PlanRunShardException_planRunId_fkey" FOREIGN KEY ("planRunId") REFERENCES "PlanRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanRunShardSeries" (
    "planRunId" TEXT NOT NULL,
    "shardNo" INTEGER NOT NULL,
    "seriesId" TEXT NOT NULL,
    "data" TEXT NOT NULL,

    PRIMARY KEY ("planRunId", "seriesId"),
    CONSTRAINT "PlanRunShardSeries_planRunId_fkey" FOREIGN KEY ("planRunId") REFERENCES "PlanRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PlanRunShardException_planRunId_shardNo_idx" ON "PlanRunShardException"("planRunId", "shardNo");

-- CreateIndex
CREATE INDEX "PlanRunShardSeries_planRunId_shardNo_idx" ON "PlanRunShardSeries"("planRunId", "shardNo");

