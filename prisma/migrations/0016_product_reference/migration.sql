-- AlterTable
ALTER TABLE "Product" ADD COLUMN "referenceFactor" REAL;
ALTER TABLE "Product" ADD COLUMN "referenceSku" TEXT;

