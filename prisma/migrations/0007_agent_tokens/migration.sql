-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN "userId" TEXT;

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

