-- CreateTable
CREATE TABLE "PlanRunShard" (
    "id" TEXT NOT NULL,
    "planRunId" TEXT NOT NULL,
    "shardNo" INTEGER NOT NULL,
    "productIds" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "workerId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "heartbeatAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "result" TEXT,

    CONSTRAINT "PlanRunShard_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlanRunShard_status_heartbeatAt_idx" ON "PlanRunShard"("status", "heartbeatAt");

-- CreateIndex
CREATE UNIQUE INDEX "PlanRunShard_planRunId_shardNo_key" ON "PlanRunShard"("planRunId", "shardNo");

-- AddForeignKey
ALTER TABLE "PlanRunShard" ADD CONSTRAINT "PlanRunShard_planRunId_fkey" FOREIGN KEY ("planRunId") REFERENCES "PlanRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

