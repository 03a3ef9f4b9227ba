-- CreateTable
CREATE TABLE "Workspace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "webhookSecret" TEXT NOT NULL,
    "bodyRetentionDays" INTEGER,
    "rowRetentionDays" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT,
    "githubId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Membership_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdById" TEXT,
    "allowedModels" TEXT,
    "expiresAt" DATETIME,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApiKey_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProviderKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "baseUrl" TEXT,
    "encryptedKey" TEXT NOT NULL,
    "keyHint" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProviderKey_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Request" (
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

-- CreateTable
CREATE TABLE "RequestProperty" (
    "requestId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("requestId", "key"),
    CONSTRAINT "RequestProperty_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "metric" TEXT NOT NULL,
    "comparison" TEXT NOT NULL,
    "threshold" REAL NOT NULL,
    "windowKind" TEXT NOT NULL,
    "windowMinutes" INTEGER,
    "filter" TEXT,
    "groupBy" TEXT,
    "minRequests" INTEGER NOT NULL DEFAULT 0,
    "cooldownMinutes" INTEGER NOT NULL DEFAULT 15,
    "channels" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AlertRule_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "alertRuleId" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "lastValue" REAL,
    "firedAt" DATETIME,
    "clearSince" DATETIME,
    "lastEvaluatedAt" DATETIME NOT NULL,
    CONSTRAINT "AlertState_alertRuleId_fkey" FOREIGN KEY ("alertRuleId") REFERENCES "AlertRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "alertRuleId" TEXT,
    "groupKey" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "threshold" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AlertEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AlertEvent_alertRuleId_fkey" FOREIGN KEY ("alertRuleId") REFERENCES "AlertRule" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "alertEventId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AlertDelivery_alertEventId_fkey" FOREIGN KEY ("alertEventId") REFERENCES "AlertEvent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RateLimitRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "scope" TEXT NOT NULL,
    "scopeValue" TEXT,
    "propertyKey" TEXT,
    "unit" TEXT NOT NULL,
    "quota" INTEGER NOT NULL,
    "windowSeconds" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RateLimitRule_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Budget" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "scope" TEXT NOT NULL,
    "scopeValue" TEXT,
    "propertyKey" TEXT,
    "limitNanoUsd" BIGINT NOT NULL,
    "period" TEXT NOT NULL,
    "action" TEXT NOT NULL DEFAULT 'block',
    "notifyAtPercent" TEXT NOT NULL DEFAULT '[80,100]',
    "channels" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Budget_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_slug_key" ON "Workspace"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_githubId_key" ON "User"("githubId");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_workspaceId_userId_key" ON "Membership"("workspaceId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_createdAt_idx" ON "ApiKey"("workspaceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProviderKey_workspaceId_provider_name_key" ON "ProviderKey"("workspaceId", "provider", "name");

-- CreateIndex
CREATE INDEX "Request_workspaceId_createdAt_idx" ON "Request"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Request_workspaceId_modelServed_createdAt_idx" ON "Request"("workspaceId", "modelServed", "createdAt");

-- CreateIndex
CREATE INDEX "Request_workspaceId_provider_createdAt_idx" ON "Request"("workspaceId", "provider", "createdAt");

-- CreateIndex
CREATE INDEX "Request_workspaceId_userId_createdAt_idx" ON "Request"("workspaceId", "userId", "createdAt");

-- CreateIndex
CREATE INDEX "Request_workspaceId_sessionId_createdAt_idx" ON "Request"("workspaceId", "sessionId", "createdAt");

-- CreateIndex
CREATE INDEX "Request_workspaceId_status_createdAt_idx" ON "Request"("workspaceId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Request_workspaceId_apiKeyId_createdAt_idx" ON "Request"("workspaceId", "apiKeyId", "createdAt");

-- CreateIndex
CREATE INDEX "RequestProperty_workspaceId_key_value_createdAt_idx" ON "RequestProperty"("workspaceId", "key", "value", "createdAt");

-- CreateIndex
CREATE INDEX "RequestProperty_workspaceId_key_createdAt_idx" ON "RequestProperty"("workspaceId", "key", "createdAt");

-- CreateIndex
CREATE INDEX "AlertRule_workspaceId_idx" ON "AlertRule"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "AlertState_alertRuleId_groupKey_key" ON "AlertState"("alertRuleId", "groupKey");

-- CreateIndex
CREATE INDEX "AlertEvent_workspaceId_createdAt_idx" ON "AlertEvent"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "AlertDelivery_alertEventId_idx" ON "AlertDelivery"("alertEventId");

-- CreateIndex
CREATE INDEX "RateLimitRule_workspaceId_idx" ON "RateLimitRule"("workspaceId");

-- CreateIndex
CREATE INDEX "Budget_workspaceId_idx" ON "Budget"("workspaceId");

