-- CreateTable
CREATE TABLE "PlanRunDriftFinding" (
    "planRunId" TEXT NOT NULL,
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "moneyAtRisk" REAL NOT NULL,
    "confidence" REAL NOT NULL,
    "bias" REAL NOT NULL,
    "currentBias" REAL NOT NULL,
    "trackingSignal" REAL NOT NULL,
    "wape" REAL NOT NULL,
    "backtestDays" INTEGER NOT NULL,
    "passedValueBar" BOOLEAN NOT NULL,

    PRIMARY KEY ("planRunId", "locationId", "productId"),
    CONSTRAINT "PlanRunDriftFinding_planRunId_fkey" FOREIGN KEY ("planRunId") REFERENCES "PlanRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

