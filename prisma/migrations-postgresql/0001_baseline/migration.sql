-- PostgreSQL baseline: the schema of the SQLite migrations 0001–0013 (generated with prisma migrate diff
-- --from-empty from the PostgreSQL variant of prisma/schema.prisma), plus the append-only audit triggers.


-- CreateTable
CREATE TABLE "Location" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "sourceDcCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Supplier" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "promisedLeadTimeDays" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Supplier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" SERIAL NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "subcategory" TEXT NOT NULL,
    "unitCost" DOUBLE PRECISION NOT NULL,
    "unitPrice" DOUBLE PRECISION NOT NULL,
    "casePack" INTEGER NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SalesDaily" (
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "units" INTEGER NOT NULL,
    "revenue" DOUBLE PRECISION NOT NULL,
    "onPromo" BOOLEAN NOT NULL DEFAULT false,
    "stockout" BOOLEAN,

    CONSTRAINT "SalesDaily_pkey" PRIMARY KEY ("locationId","productId","date")
);

-- CreateTable
CREATE TABLE "InventoryPosition" (
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "onHand" INTEGER NOT NULL,

    CONSTRAINT "InventoryPosition_pkey" PRIMARY KEY ("locationId","productId","asOf")
);

-- CreateTable
CREATE TABLE "PurchaseOrder" (
    "id" SERIAL NOT NULL,
    "poNumber" TEXT NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "destinationLocationId" INTEGER NOT NULL,
    "orderedAt" TIMESTAMP(3) NOT NULL,
    "promisedAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PurchaseOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PurchaseOrderLine" (
    "purchaseOrderId" INTEGER NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "qtyOrdered" INTEGER NOT NULL,
    "qtyReceived" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" TIMESTAMP(3),

    CONSTRAINT "PurchaseOrderLine_pkey" PRIMARY KEY ("purchaseOrderId","lineNo")
);

-- CreateTable
CREATE TABLE "Promotion" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sku" TEXT,
    "category" TEXT,
    "locationCode" TEXT,
    "region" TEXT,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3) NOT NULL,
    "expectedUplift" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Promotion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserScope" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "UserScope_pkey" PRIMARY KEY ("userId","kind","value")
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "checksum" TEXT,
    "rowsTotal" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportBatchFile" (
    "batchId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,

    CONSTRAINT "ImportBatchFile_pkey" PRIMARY KEY ("batchId","kind")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorRole" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "before" TEXT,
    "after" TEXT,
    "reason" TEXT,
    "planRunId" TEXT,
    "policyVersion" INTEGER,
    "origin" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "PlanRun" (
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "requestedById" TEXT,
    "asOf" TIMESTAMP(3) NOT NULL,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "stage" TEXT,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "stageTimings" TEXT,
    "counts" TEXT,
    "inputHash" TEXT,
    "engineVersion" TEXT,
    "policyVersion" INTEGER,
    "error" TEXT,
    "scope" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "workerId" TEXT,
    "retryOfId" TEXT,

    CONSTRAINT "PlanRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanRunSeries" (
    "planRunId" TEXT NOT NULL,
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "PlanRunSeries_pkey" PRIMARY KEY ("planRunId","locationId","productId")
);

-- CreateTable
CREATE TABLE "Exception" (
    "id" TEXT NOT NULL,
    "identityKey" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "region" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "supplierId" INTEGER,
    "status" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "moneyAtRisk" DOUBLE PRECISION NOT NULL,
    "urgency" DOUBLE PRECISION NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "daysToImpact" INTEGER,
    "tierRequired" TEXT,
    "summary" TEXT NOT NULL,
    "drivers" TEXT NOT NULL,
    "scoreComponents" TEXT NOT NULL,
    "assigneeId" TEXT,
    "snoozedUntil" TIMESTAMP(3),
    "firstRunId" TEXT NOT NULL,
    "lastRunId" TEXT NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "closedReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Exception_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExceptionComment" (
    "id" TEXT NOT NULL,
    "exceptionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExceptionComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recommendation" (
    "id" TEXT NOT NULL,
    "exceptionId" TEXT NOT NULL,
    "planRunId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "actionType" TEXT NOT NULL,
    "quantity" DOUBLE PRECISION NOT NULL,
    "proposedQuantity" DOUBLE PRECISION NOT NULL,
    "sourceLocationId" INTEGER,
    "destLocationId" INTEGER,
    "poNumber" TEXT,
    "cost" DOUBLE PRECISION NOT NULL,
    "benefit" DOUBLE PRECISION NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "details" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "policyVersion" INTEGER,
    "modifiedById" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "reasonCode" TEXT,
    "expiresAt" TIMESTAMP(3),
    "exportId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "actorId" TEXT,
    "actorRole" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromStatus" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "quantityBefore" DOUBLE PRECISION,
    "quantityAfter" DOUBLE PRECISION,
    "reasonCode" TEXT,
    "comment" TEXT,
    "policyVersion" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalPolicy" (
    "version" INTEGER NOT NULL,
    "rules" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,

    CONSTRAINT "ApprovalPolicy_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "ForecastOverride" (
    "id" TEXT NOT NULL,
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "reasonCode" TEXT NOT NULL,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3) NOT NULL,
    "overrideUnits" DOUBLE PRECISION NOT NULL,
    "statisticalUnits" DOUBLE PRECISION NOT NULL,
    "planRunId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ForecastOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionExport" (
    "id" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "format" TEXT NOT NULL,
    "items" INTEGER NOT NULL,

    CONSTRAINT "ActionExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "userId" TEXT,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IngestedEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payloadHash" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "tokenId" TEXT,
    "locationId" INTEGER,
    "productId" INTEGER,
    "quantity" INTEGER,

    CONSTRAINT "IngestedEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventClock" (
    "entityType" TEXT NOT NULL,
    "entityKey" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventClock_pkey" PRIMARY KEY ("entityType","entityKey")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "principal" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "response" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("principal","key")
);

-- CreateTable
CREATE TABLE "DirtySeries" (
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "markedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DirtySeries_pkey" PRIMARY KEY ("locationId","productId")
);

-- CreateTable
CREATE TABLE "KpiDaily" (
    "planRunId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "locationId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "seriesDays" INTEGER NOT NULL,
    "stockoutDays" INTEGER NOT NULL,
    "unitsSold" DOUBLE PRECISION NOT NULL,
    "revenue" DOUBLE PRECISION NOT NULL,
    "cogs" DOUBLE PRECISION NOT NULL,
    "lostUnits" DOUBLE PRECISION NOT NULL,
    "lostSales" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "KpiDaily_pkey" PRIMARY KEY ("planRunId","day","locationId","category")
);

-- CreateTable
CREATE TABLE "KpiInventory" (
    "planRunId" TEXT NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "locationId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "onHandUnits" DOUBLE PRECISION NOT NULL,
    "onHandCost" DOUBLE PRECISION NOT NULL,
    "dailyDemand" DOUBLE PRECISION NOT NULL,
    "excessValue" DOUBLE PRECISION NOT NULL,
    "markdownExposure" DOUBLE PRECISION NOT NULL,
    "cogs28" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "KpiInventory_pkey" PRIMARY KEY ("planRunId","locationId","category")
);

-- CreateTable
CREATE TABLE "PlanRunForecast" (
    "planRunId" TEXT NOT NULL,
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "week" INTEGER NOT NULL,
    "weekStart" TIMESTAMP(3) NOT NULL,
    "mean" DOUBLE PRECISION NOT NULL,
    "p10" DOUBLE PRECISION NOT NULL,
    "p90" DOUBLE PRECISION NOT NULL,
    "method" TEXT NOT NULL,

    CONSTRAINT "PlanRunForecast_pkey" PRIMARY KEY ("planRunId","locationId","productId","week")
);

-- CreateTable
CREATE TABLE "KpiForecastAccuracy" (
    "planRunId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "weekStart" TIMESTAMP(3) NOT NULL,
    "locationId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "series" INTEGER NOT NULL,
    "absError" DOUBLE PRECISION NOT NULL,
    "actual" DOUBLE PRECISION NOT NULL,
    "forecast" DOUBLE PRECISION NOT NULL,
    "naiveAbsError" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "KpiForecastAccuracy_pkey" PRIMARY KEY ("planRunId","source","weekStart","locationId","category","method")
);

-- CreateTable
CREATE TABLE "ForecastOverrideOutcome" (
    "overrideId" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "statisticalAbsError" DOUBLE PRECISION NOT NULL,
    "overrideAbsError" DOUBLE PRECISION NOT NULL,
    "valueAddedUnits" DOUBLE PRECISION NOT NULL,
    "measuredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ForecastOverrideOutcome_pkey" PRIMARY KEY ("overrideId")
);

-- CreateTable
CREATE TABLE "BriefingSubscription" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "signingSecret" TEXT,
    "exceptionTypes" TEXT NOT NULL DEFAULT '',
    "minMoneyAtRisk" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "regions" TEXT NOT NULL DEFAULT '',
    "locations" TEXT NOT NULL DEFAULT '',
    "categories" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BriefingSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Briefing" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "planRunId" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Briefing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BriefingDelivery" (
    "id" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "briefingId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "payload" TEXT NOT NULL,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BriefingDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "email" TEXT,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "TokenRateBucket" (
    "tokenId" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TokenRateBucket_pkey" PRIMARY KEY ("tokenId")
);

-- CreateTable
CREATE TABLE "SimulationRun" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "size" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "days" INTEGER NOT NULL,
    "report" TEXT NOT NULL,

    CONSTRAINT "SimulationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransferConfirmation" (
    "recommendationId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "confirmedById" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransferConfirmation_pkey" PRIMARY KEY ("recommendationId","step")
);

-- CreateTable
CREATE TABLE "PolicyProposal" (
    "id" TEXT NOT NULL,
    "basedOnVersion" INTEGER NOT NULL,
    "rules" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "loosenings" TEXT NOT NULL,
    "proposedById" TEXT NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "appliedVersion" INTEGER,

    CONSTRAINT "PolicyProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Location_code_key" ON "Location"("code");

-- CreateIndex
CREATE INDEX "Location_region_idx" ON "Location"("region");

-- CreateIndex
CREATE INDEX "Location_type_idx" ON "Location"("type");

-- CreateIndex
CREATE UNIQUE INDEX "Supplier_code_key" ON "Supplier"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Product_sku_key" ON "Product"("sku");

-- CreateIndex
CREATE INDEX "Product_category_idx" ON "Product"("category");

-- CreateIndex
CREATE INDEX "Product_supplierId_idx" ON "Product"("supplierId");

-- CreateIndex
CREATE INDEX "SalesDaily_productId_date_idx" ON "SalesDaily"("productId", "date");

-- CreateIndex
CREATE INDEX "SalesDaily_date_idx" ON "SalesDaily"("date");

-- CreateIndex
CREATE INDEX "InventoryPosition_productId_idx" ON "InventoryPosition"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "PurchaseOrder_poNumber_key" ON "PurchaseOrder"("poNumber");

-- CreateIndex
CREATE INDEX "PurchaseOrder_supplierId_orderedAt_idx" ON "PurchaseOrder"("supplierId", "orderedAt");

-- CreateIndex
CREATE INDEX "PurchaseOrder_status_idx" ON "PurchaseOrder"("status");

-- CreateIndex
CREATE INDEX "PurchaseOrderLine_productId_idx" ON "PurchaseOrderLine"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "Promotion_code_key" ON "Promotion"("code");

-- CreateIndex
CREATE INDEX "Promotion_startDate_endDate_idx" ON "Promotion"("startDate", "endDate");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "ImportBatch_startedAt_idx" ON "ImportBatch"("startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_idx" ON "AuditEvent"("actorId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "PlanRun_status_queuedAt_idx" ON "PlanRun"("status", "queuedAt");

-- CreateIndex
CREATE INDEX "PlanRun_status_heartbeatAt_idx" ON "PlanRun"("status", "heartbeatAt");

-- CreateIndex
CREATE UNIQUE INDEX "Exception_identityKey_key" ON "Exception"("identityKey");

-- CreateIndex
CREATE INDEX "Exception_status_score_id_idx" ON "Exception"("status", "score", "id");

-- CreateIndex
CREATE INDEX "Exception_status_moneyAtRisk_id_idx" ON "Exception"("status", "moneyAtRisk", "id");

-- CreateIndex
CREATE INDEX "Exception_status_daysToImpact_id_idx" ON "Exception"("status", "daysToImpact", "id");

-- CreateIndex
CREATE INDEX "Exception_status_confidence_id_idx" ON "Exception"("status", "confidence", "id");

-- CreateIndex
CREATE INDEX "Exception_status_raisedAt_id_idx" ON "Exception"("status", "raisedAt", "id");

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

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_secretHash_key" ON "ApiToken"("secretHash");

-- CreateIndex
CREATE INDEX "ApiToken_createdAt_idx" ON "ApiToken"("createdAt");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "IngestedEvent_type_locationId_productId_occurredAt_idx" ON "IngestedEvent"("type", "locationId", "productId", "occurredAt");

-- CreateIndex
CREATE INDEX "IngestedEvent_receivedAt_idx" ON "IngestedEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");

-- CreateIndex
CREATE INDEX "PlanRunForecast_weekStart_idx" ON "PlanRunForecast"("weekStart");

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

-- CreateIndex
CREATE INDEX "LoginThrottle_email_idx" ON "LoginThrottle"("email");

-- CreateIndex
CREATE INDEX "SimulationRun_createdAt_idx" ON "SimulationRun"("createdAt");

-- CreateIndex
CREATE INDEX "TransferConfirmation_locationId_confirmedAt_idx" ON "TransferConfirmation"("locationId", "confirmedAt");

-- CreateIndex
CREATE INDEX "PolicyProposal_status_proposedAt_idx" ON "PolicyProposal"("status", "proposedAt");

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesDaily" ADD CONSTRAINT "SalesDaily_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesDaily" ADD CONSTRAINT "SalesDaily_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryPosition" ADD CONSTRAINT "InventoryPosition_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryPosition" ADD CONSTRAINT "InventoryPosition_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_destinationLocationId_fkey" FOREIGN KEY ("destinationLocationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrderLine" ADD CONSTRAINT "PurchaseOrderLine_purchaseOrderId_fkey" FOREIGN KEY ("purchaseOrderId") REFERENCES "PurchaseOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrderLine" ADD CONSTRAINT "PurchaseOrderLine_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserScope" ADD CONSTRAINT "UserScope_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatchFile" ADD CONSTRAINT "ImportBatchFile_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanRunSeries" ADD CONSTRAINT "PlanRunSeries_planRunId_fkey" FOREIGN KEY ("planRunId") REFERENCES "PlanRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exception" ADD CONSTRAINT "Exception_firstRunId_fkey" FOREIGN KEY ("firstRunId") REFERENCES "PlanRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exception" ADD CONSTRAINT "Exception_lastRunId_fkey" FOREIGN KEY ("lastRunId") REFERENCES "PlanRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExceptionComment" ADD CONSTRAINT "ExceptionComment_exceptionId_fkey" FOREIGN KEY ("exceptionId") REFERENCES "Exception"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_exceptionId_fkey" FOREIGN KEY ("exceptionId") REFERENCES "Exception"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_planRunId_fkey" FOREIGN KEY ("planRunId") REFERENCES "PlanRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BriefingDelivery" ADD CONSTRAINT "BriefingDelivery_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "BriefingSubscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BriefingDelivery" ADD CONSTRAINT "BriefingDelivery_briefingId_fkey" FOREIGN KEY ("briefingId") REFERENCES "Briefing"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The audit log is append-only: the database itself refuses to change or remove a record
-- (as prisma/migrations/0002_audit_append_only does on SQLite).
CREATE FUNCTION "AuditEvent_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER "AuditEvent_refuse_update" BEFORE UPDATE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_refuse_change"();

CREATE TRIGGER "AuditEvent_refuse_delete" BEFORE DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_refuse_change"();

CREATE TRIGGER "AuditEvent_refuse_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "AuditEvent_refuse_change"();
