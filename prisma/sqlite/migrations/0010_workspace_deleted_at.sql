-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "deletedAt" DATETIME;

