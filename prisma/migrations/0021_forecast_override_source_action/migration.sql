-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ForecastOverride" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "createdById" TEXT,
    "reasonCode" TEXT NOT NULL,
    "startDate" DATETIME NOT NULL,
    "endDate" DATETIME NOT NULL,
    "overrideUnits" REAL NOT NULL,
    "statisticalUnits" REAL NOT NULL,
    "planRunId" TEXT,
    "sourceActionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ForecastOverride_sourceActionId_fkey" FOREIGN KEY ("sourceActionId") REFERENCES "Recommendation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ForecastOverride" ("createdAt", "createdById", "endDate", "id", "locationId", "overrideUnits", "planRunId", "productId", "reasonCode", "startDate", "statisticalUnits") SELECT "createdAt", "createdById", "endDate", "id", "locationId", "overrideUnits", "planRunId", "productId", "reasonCode", "startDate", "statisticalUnits" FROM "ForecastOverride";
DROP TABLE "ForecastOverride";
ALTER TABLE "new_ForecastOverride" RENAME TO "ForecastOverride";
CREATE UNIQUE INDEX "ForecastOverride_sourceActionId_key" ON "ForecastOverride"("sourceActionId");
CREATE INDEX "ForecastOverride_locationId_productId_startDate_idx" ON "ForecastOverride"("locationId", "productId", "startDate");
CREATE INDEX "ForecastOverride_createdById_idx" ON "ForecastOverride"("createdById");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

