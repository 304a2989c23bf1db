-- CreateTable
CREATE TABLE "PolicyProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "basedOnVersion" INTEGER NOT NULL,
    "rules" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "loosenings" TEXT NOT NULL,
    "proposedById" TEXT NOT NULL,
    "proposedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "appliedVersion" INTEGER
);

-- CreateIndex
CREATE INDEX "PolicyProposal_status_proposedAt_idx" ON "PolicyProposal"("status", "proposedAt");

