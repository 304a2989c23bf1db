-- CreateTable
CREATE TABLE "ReturnDaily" (
    "locationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "date" DATETIME NOT NULL,
    "units" INTEGER NOT NULL,

    PRIMARY KEY ("locationId", "productId", "date"),
    CONSTRAINT "ReturnDaily_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ReturnDaily_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReturnDaily_date_idx" ON "ReturnDaily"("date");

