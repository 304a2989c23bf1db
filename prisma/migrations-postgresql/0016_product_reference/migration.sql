-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "referenceFactor" DOUBLE PRECISION,
ADD COLUMN     "referenceSku" TEXT;
