-- AlterTable
ALTER TABLE "KpiDaily" ADD COLUMN     "stockoutDemand" DOUBLE PRECISION;

