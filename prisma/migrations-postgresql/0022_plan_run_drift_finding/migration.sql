-- CreateTable
CREATE TABLE "PlanRunDriftFinding" (
    "planRunId" TEXT NOT NULL,
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "moneyAtRisk" DOUBLE PRECISION NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "bias" DOUBLE PRECISION NOT NULL,
    "currentBias" DOUBLE PRECISION NOT NULL,
    "trackingSignal" DOUBLE PRECISION NOT NULL,
    "wape" DOUBLE PRECISION NOT NULL,
    "backtestDays" INTEGER NOT NULL,
    "passedValueBar" BOOLEAN NOT NULL,

    CONSTRAINT "PlanRunDriftFinding_pkey" PRIMARY KEY ("planRunId","locationId","productId")
);

-- AddForeignKey
ALTER TABLE "PlanRunDriftFinding" ADD CONSTRAINT "PlanRunDriftFinding_planRunId_fkey" FOREIGN KEY ("planRunId") REFERENCES "PlanRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

