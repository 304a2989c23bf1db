-- CreateTable
CREATE TABLE "BriefingSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "signingSecret" TEXT,
    "exceptionTypes" TEXT NOT NULL DEFAULT '',
    "minMoneyAtRisk" REAL NOT NULL DEFAULT 0,
    "regions" TEXT NOT NULL DEFAULT '',
    "locations" TEXT NOT NULL DEFAULT '',
    "categories" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Briefing" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "planRunId" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BriefingDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subscriptionId" TEXT NOT NULL,
    "briefingId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "payload" TEXT NOT NULL,
    "lastError" TEXT,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BriefingDelivery_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "BriefingSubscription" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BriefingDelivery_briefingId_fkey" FOREIGN KEY ("briefingId") REFERENCES "Briefing" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BriefingSubscription_userId_idx" ON "BriefingSubscription"("userId");

-- CreateIndex
CREATE INDEX "Briefing_userId_createdAt_idx" ON "Briefing"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Briefing_userId_planRunId_key" ON "Briefing"("userId", "planRunId");

-- CreateIndex
CREATE INDEX "BriefingDelivery_status_nextAttemptAt_idx" ON "BriefingDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "BriefingDelivery_subscriptionId_briefingId_key" ON "BriefingDelivery"("subscriptionId", "briefingId");

