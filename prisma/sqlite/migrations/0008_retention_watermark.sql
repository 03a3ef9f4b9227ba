-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "bodiesPurgedBefore" DATETIME;

