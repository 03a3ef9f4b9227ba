-- AlterTable
ALTER TABLE "Request" ADD COLUMN "clientRequestId" TEXT;
ALTER TABLE "Request" ADD COLUMN "clippedValues" TEXT;

-- CreateTable
CREATE TABLE "LogDeadLetter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "error" TEXT NOT NULL,
    "row" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "LogDeadLetter_workspaceId_createdAt_idx" ON "LogDeadLetter"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Request_workspaceId_clientRequestId_idx" ON "Request"("workspaceId", "clientRequestId");

