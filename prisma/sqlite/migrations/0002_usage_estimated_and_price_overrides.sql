-- CreateTable
CREATE TABLE "PriceOverride" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "inputNanoPerMTok" BIGINT NOT NULL,
    "outputNanoPerMTok" BIGINT NOT NULL,
    "cachedInputNanoPerMTok" BIGINT,
    "cacheWriteNanoPerMTok" BIGINT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PriceOverride_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Request" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "provider" TEXT NOT NULL,
    "modelRequested" TEXT NOT NULL,
    "modelServed" TEXT,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "errorMessage" TEXT,
    "latencyMs" INTEGER NOT NULL,
    "timeToFirstTokenMs" INTEGER,
    "streamed" BOOLEAN NOT NULL DEFAULT false,
    "promptTokens" INTEGER,
    "completionTokens" INTEGER,
    "cachedInputTokens" INTEGER,
    "cacheWriteTokens" INTEGER,
    "reasoningTokens" INTEGER,
    "usageEstimated" BOOLEAN NOT NULL DEFAULT false,
    "costNanoUsd" BIGINT,
    "costSavedNanoUsd" BIGINT,
    "userId" TEXT,
    "sessionId" TEXT,
    "sessionPath" TEXT,
    "sessionName" TEXT,
    "cacheStatus" TEXT,
    "retryCount" INTEGER NOT NULL DEFAULT 0,
    "fallbackIndex" INTEGER NOT NULL DEFAULT 0,
    "attempts" TEXT,
    "rateLimitHeaders" TEXT,
    "requestBody" TEXT,
    "requestBodyState" TEXT NOT NULL DEFAULT 'full',
    "requestBytes" INTEGER,
    "responseBody" TEXT,
    "responseBodyState" TEXT NOT NULL DEFAULT 'full',
    "responseBytes" INTEGER,
    CONSTRAINT "Request_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Request" ("apiKeyId", "attempts", "cacheStatus", "cacheWriteTokens", "cachedInputTokens", "completionTokens", "costNanoUsd", "costSavedNanoUsd", "createdAt", "errorMessage", "fallbackIndex", "id", "latencyMs", "modelRequested", "modelServed", "path", "promptTokens", "provider", "rateLimitHeaders", "reasoningTokens", "requestBody", "requestBodyState", "requestBytes", "responseBody", "responseBodyState", "responseBytes", "retryCount", "sessionId", "sessionName", "sessionPath", "status", "streamed", "timeToFirstTokenMs", "userId", "workspaceId") SELECT "apiKeyId", "attempts", "cacheStatus", "cacheWriteTokens", "cachedInputTokens", "completionTokens", "costNanoUsd", "costSavedNanoUsd", "createdAt", "errorMessage", "fallbackIndex", "id", "latencyMs", "modelRequested", "modelServed", "path", "promptTokens", "provider", "rateLimitHeaders", "reasoningTokens", "requestBody", "requestBodyState", "requestBytes", "responseBody", "responseBodyState", "responseBytes", "retryCount", "sessionId", "sessionName", "sessionPath", "status", "streamed", "timeToFirstTokenMs", "userId", "workspaceId" FROM "Request";
DROP TABLE "Request";
ALTER TABLE "new_Request" RENAME TO "Request";
CREATE INDEX "Request_workspaceId_createdAt_idx" ON "Request"("workspaceId", "createdAt");
CREATE INDEX "Request_workspaceId_modelServed_createdAt_idx" ON "Request"("workspaceId", "modelServed", "createdAt");
CREATE INDEX "Request_workspaceId_provider_createdAt_idx" ON "Request"("workspaceId", "provider", "createdAt");
CREATE INDEX "Request_workspaceId_userId_createdAt_idx" ON "Request"("workspaceId", "userId", "createdAt");
CREATE INDEX "Request_workspaceId_sessionId_createdAt_idx" ON "Request"("workspaceId", "sessionId", "createdAt");
CREATE INDEX "Request_workspaceId_status_createdAt_idx" ON "Request"("workspaceId", "status", "createdAt");
CREATE INDEX "Request_workspaceId_apiKeyId_createdAt_idx" ON "Request"("workspaceId", "apiKeyId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PriceOverride_workspaceId_provider_model_key" ON "PriceOverride"("workspaceId", "provider", "model");

