-- AlterTable
ALTER TABLE "AlertEvent" ADD COLUMN "budgetId" TEXT;
ALTER TABLE "AlertEvent" ADD COLUMN "detail" TEXT;

-- CreateTable
CREATE TABLE "BudgetNotice" (
    "budgetId" TEXT NOT NULL,
    "scopeValue" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "percent" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("budgetId", "scopeValue", "periodStart", "percent"),
    CONSTRAINT "BudgetNotice_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "Budget" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

