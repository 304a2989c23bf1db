-- CreateTable
CREATE TABLE "KpiDaily" (
    "planRunId" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "locationId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "seriesDays" INTEGER NOT NULL,
    "stockoutDays" INTEGER NOT NULL,
    "unitsSold" REAL NOT NULL,
    "revenue" REAL NOT NULL,
    "cogs" REAL NOT NULL,
    "lostUnits" REAL NOT NULL,
    "lostSales" REAL NOT NULL,

    PRIMARY KEY ("planRunId", "day", "locationId", "category")
);

-- CreateTable
CREATE TABLE "KpiInventory" (
    "planRunId" TEXT NOT NULL,
    "asOf" DATETIME NOT NULL,
    "locationId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "onHandUnits" REAL NOT NULL,
    "onHandCost" REAL NOT NULL,
    "dailyDemand" REAL NOT NULL,
    "excessValue" REAL NOT NULL,
    "markdownExposure" REAL NOT NULL,
    "cogs28" REAL NOT NULL,

    PRIMARY KEY ("planRunId", "locationId", "category")
);

-- CreateTable
CREATE TABLE "PlanRunForecast" (
    "planRunId" TEXT NOT NULL,
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "week" INTEGER NOT NULL,
    "weekStart" DATETIME NOT NULL,
    "mean" REAL NOT NULL,
    "p10" REAL NOT NULL,
    "p90" REAL NOT NULL,
    "method" TEXT NOT NULL,

    PRIMARY KEY ("planRunId", "locationId", "productId", "week")
);

-- CreateTable
CREATE TABLE "KpiForecastAccuracy" (
    "planRunId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "weekStart" DATETIME NOT NULL,
    "locationId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "series" INTEGER NOT NULL,
    "absError" REAL NOT NULL,
    "actual" REAL NOT NULL,
    "forecast" REAL NOT NULL,
    "naiveAbsError" REAL NOT NULL,

    PRIMARY KEY ("planRunId", "source", "weekStart", "locationId", "category", "method")
);

-- CreateTable
CREATE TABLE "ForecastOverrideOutcome" (
    "overrideId" TEXT NOT NULL PRIMARY KEY,
    "days" INTEGER NOT NULL,
    "statisticalAbsError" REAL NOT NULL,
    "overrideAbsError" REAL NOT NULL,
    "valueAddedUnits" REAL NOT NULL,
    "measuredAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "PlanRunForecast_weekStart_idx" ON "PlanRunForecast"("weekStart");

