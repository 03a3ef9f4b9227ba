-- AlterTable
ALTER TABLE "AlertEvent" ADD COLUMN     "budgetId" TEXT,
ADD COLUMN     "detail" TEXT;

-- CreateTable
CREATE TABLE "BudgetNotice" (
    "budgetId" TEXT NOT NULL,
    "scopeValue" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "percent" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetNotice_pkey" PRIMARY KEY ("budgetId","scopeValue","periodStart","percent")
);

-- AddForeignKey
ALTER TABLE "BudgetNotice" ADD CONSTRAINT "BudgetNotice_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "Budget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

