-- CreateTable
CREATE TABLE "ReturnDaily" (
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "units" INTEGER NOT NULL,

    CONSTRAINT "ReturnDaily_pkey" PRIMARY KEY ("locationId","productId","date")
);

-- CreateIndex
CREATE INDEX "ReturnDaily_date_idx" ON "ReturnDaily"("date");

-- AddForeignKey
ALTER TABLE "ReturnDaily" ADD CONSTRAINT "ReturnDaily_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnDaily" ADD CONSTRAINT "ReturnDaily_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

