-- CreateTable
CREATE TABLE "PlanRunShard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planRunId" TEXT NOT NULL,
    "shardNo" INTEGER NOT NULL,
    "productIds" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "workerId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "heartbeatAt" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "result" TEXT,
    CONSTRAINT "PlanRunShard_planRunId_fkey" FOREIGN KEY ("planRunId") REFERENCES "PlanRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PlanRunShard_status_heartbeatAt_idx" ON "PlanRunShard"("status", "heartbeatAt");

-- CreateIndex
CREATE UNIQUE INDEX "PlanRunShard_planRunId_shardNo_key" ON "PlanRunShard"("planRunId", "shardNo");

