-- CreateTable
CREATE TABLE "PlanRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "requestedById" TEXT,
    "asOf" DATETIME NOT NULL,
    "queuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "stage" TEXT,
    "progress" REAL NOT NULL DEFAULT 0,
    "stageTimings" TEXT,
    "counts" TEXT,
    "inputHash" TEXT,
    "engineVersion" TEXT,
    "policyVersion" INTEGER,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "PlanRunSeries" (
    "planRunId" TEXT NOT NULL,
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "data" TEXT NOT NULL,

    PRIMARY KEY ("planRunId", "locationId", "productId"),
    CONSTRAINT "PlanRunSeries_planRunId_fkey" FOREIGN KEY ("planRunId") REFERENCES "PlanRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Exception" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "identityKey" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "region" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "supplierId" INTEGER,
    "status" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "moneyAtRisk" REAL NOT NULL,
    "urgency" REAL NOT NULL,
    "confidence" REAL NOT NULL,
    "daysToImpact" INTEGER,
    "tierRequired" TEXT,
    "summary" TEXT NOT NULL,
    "drivers" TEXT NOT NULL,
    "scoreComponents" TEXT NOT NULL,
    "assigneeId" TEXT,
    "snoozedUntil" DATETIME,
    "firstRunId" TEXT NOT NULL,
    "lastRunId" TEXT NOT NULL,
    "raisedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "closedReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Exception_firstRunId_fkey" FOREIGN KEY ("firstRunId") REFERENCES "PlanRun" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Exception_lastRunId_fkey" FOREIGN KEY ("lastRunId") REFERENCES "PlanRun" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExceptionComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "exceptionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExceptionComment_exceptionId_fkey" FOREIGN KEY ("exceptionId") REFERENCES "Exception" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Recommendation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "exceptionId" TEXT NOT NULL,
    "planRunId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "actionType" TEXT NOT NULL,
    "quantity" REAL NOT NULL,
    "proposedQuantity" REAL NOT NULL,
    "sourceLocationId" INTEGER,
    "destLocationId" INTEGER,
    "poNumber" TEXT,
    "cost" REAL NOT NULL,
    "benefit" REAL NOT NULL,
    "value" REAL NOT NULL,
    "details" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "policyVersion" INTEGER,
    "modifiedById" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "reasonCode" TEXT,
    "expiresAt" DATETIME,
    "exportId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Recommendation_exceptionId_fkey" FOREIGN KEY ("exceptionId") REFERENCES "Exception" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Recommendation_planRunId_fkey" FOREIGN KEY ("planRunId") REFERENCES "PlanRun" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "recommendationId" TEXT NOT NULL,
    "actorId" TEXT,
    "actorRole" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromStatus" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "quantityBefore" REAL,
    "quantityAfter" REAL,
    "reasonCode" TEXT,
    "comment" TEXT,
    "policyVersion" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Decision_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApprovalPolicy" (
    "version" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rules" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT
);

-- CreateTable
CREATE TABLE "ForecastOverride" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "reasonCode" TEXT NOT NULL,
    "startDate" DATETIME NOT NULL,
    "endDate" DATETIME NOT NULL,
    "overrideUnits" REAL NOT NULL,
    "statisticalUnits" REAL NOT NULL,
    "planRunId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ActionExport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "format" TEXT NOT NULL,
    "items" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "PlanRun_status_queuedAt_idx" ON "PlanRun"("status", "queuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Exception_identityKey_key" ON "Exception"("identityKey");

-- CreateIndex
CREATE INDEX "Exception_status_score_idx" ON "Exception"("status", "score");

-- CreateIndex
CREATE INDEX "Exception_status_type_score_idx" ON "Exception"("status", "type", "score");

-- CreateIndex
CREATE INDEX "Exception_status_region_score_idx" ON "Exception"("status", "region", "score");

-- CreateIndex
CREATE INDEX "Exception_status_category_score_idx" ON "Exception"("status", "category", "score");

-- CreateIndex
CREATE INDEX "Exception_locationId_status_idx" ON "Exception"("locationId", "status");

-- CreateIndex
CREATE INDEX "Exception_assigneeId_status_idx" ON "Exception"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "ExceptionComment_exceptionId_createdAt_idx" ON "ExceptionComment"("exceptionId", "createdAt");

-- CreateIndex
CREATE INDEX "Recommendation_status_tier_idx" ON "Recommendation"("status", "tier");

-- CreateIndex
CREATE INDEX "Recommendation_exceptionId_status_idx" ON "Recommendation"("exceptionId", "status");

-- CreateIndex
CREATE INDEX "Recommendation_exportId_idx" ON "Recommendation"("exportId");

-- CreateIndex
CREATE INDEX "Decision_recommendationId_createdAt_idx" ON "Decision"("recommendationId", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_actorId_createdAt_idx" ON "Decision"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "ForecastOverride_locationId_productId_startDate_idx" ON "ForecastOverride"("locationId", "productId", "startDate");

-- CreateIndex
CREATE INDEX "ForecastOverride_createdById_idx" ON "ForecastOverride"("createdById");

