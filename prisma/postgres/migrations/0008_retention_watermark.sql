-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "bodiesPurgedBefore" TIMESTAMP(3);

