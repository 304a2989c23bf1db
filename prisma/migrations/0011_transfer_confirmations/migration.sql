-- CreateTable
CREATE TABLE "TransferConfirmation" (
    "recommendationId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "confirmedById" TEXT NOT NULL,
    "confirmedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("recommendationId", "step")
);

-- CreateIndex
CREATE INDEX "TransferConfirmation_locationId_confirmedAt_idx" ON "TransferConfirmation"("locationId", "confirmedAt");

