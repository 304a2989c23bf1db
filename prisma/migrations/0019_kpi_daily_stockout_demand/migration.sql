-- AlterTable
ALTER TABLE "KpiDaily" ADD COLUMN "stockoutDemand" REAL;

