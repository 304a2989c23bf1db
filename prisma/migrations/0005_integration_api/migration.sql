-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedById" TEXT
);

-- CreateTable
CREATE TABLE "IngestedEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "payloadHash" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "tokenId" TEXT,
    "locationId" INTEGER,
    "productId" INTEGER,
    "quantity" INTEGER
);

-- CreateTable
CREATE TABLE "EventClock" (
    "entityType" TEXT NOT NULL,
    "entityKey" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,

    PRIMARY KEY ("entityType", "entityKey")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "principal" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "response" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("principal", "key")
);

-- CreateTable
CREATE TABLE "DirtySeries" (
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "markedAt" DATETIME NOT NULL,

    PRIMARY KEY ("locationId", "productId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_secretHash_key" ON "ApiToken"("secretHash");

-- CreateIndex
CREATE INDEX "ApiToken_createdAt_idx" ON "ApiToken"("createdAt");

-- CreateIndex
CREATE INDEX "IngestedEvent_type_locationId_productId_occurredAt_idx" ON "IngestedEvent"("type", "locationId", "productId", "occurredAt");

-- CreateIndex
CREATE INDEX "IngestedEvent_receivedAt_idx" ON "IngestedEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");

