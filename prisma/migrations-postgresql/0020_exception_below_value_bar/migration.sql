-- AlterTable
ALTER TABLE "Exception" ADD COLUMN     "belowValueBar" BOOLEAN;

