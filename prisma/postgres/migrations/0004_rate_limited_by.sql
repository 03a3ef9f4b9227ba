-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "rateLimitedBy" TEXT;

-- CreateIndex
CREATE INDEX "Request_workspaceId_rateLimitedBy_createdAt_idx" ON "Request"("workspaceId", "rateLimitedBy", "createdAt");

