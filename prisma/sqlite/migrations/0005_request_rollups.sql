-- CreateTable
CREATE TABLE "RequestRollup" (
    "workspaceId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "cacheHit" BOOLEAN NOT NULL,
    "requests" INTEGER NOT NULL,
    "spendNano" BIGINT NOT NULL,
    "savedNano" BIGINT NOT NULL,
    "latencySumMs" BIGINT NOT NULL,
    "ttftSumMs" BIGINT NOT NULL,
    "ttftCount" INTEGER NOT NULL,
    "promptTokens" BIGINT NOT NULL,
    "completionTokens" BIGINT NOT NULL,

    PRIMARY KEY ("workspaceId", "hour", "provider", "model", "status", "cacheHit")
);

-- CreateTable
CREATE TABLE "PropertyRollup" (
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "value" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "spendNano" BIGINT NOT NULL,
    "latencySumMs" BIGINT NOT NULL,
    "tokens" BIGINT NOT NULL,

    PRIMARY KEY ("workspaceId", "key", "hour", "value")
);

-- CreateIndex
CREATE INDEX "PropertyRollup_workspaceId_hour_idx" ON "PropertyRollup"("workspaceId", "hour");

-- CreateIndex
CREATE INDEX "Request_workspaceId_createdAt_userId_latencyMs_costNanoUsd_status_timeToFirstTokenMs_id_idx" ON "Request"("workspaceId", "createdAt", "userId", "latencyMs", "costNanoUsd", "status", "timeToFirstTokenMs", "id");


-- Backfill the rollups from the rows already logged
INSERT INTO "RequestRollup" ("workspaceId", "hour", "provider", "model", "status", "cacheHit", "requests", "spendNano", "savedNano", "latencySumMs", "ttftSumMs", "ttftCount", "promptTokens", "completionTokens")
  SELECT r."workspaceId", substr(r."createdAt", 1, 13) || ':00:00.000+00:00', r."provider", COALESCE(r."modelServed", r."modelRequested"), r."status", (CASE WHEN r."cacheStatus" = 'HIT' THEN 1 ELSE 0 END),
  COUNT(*), COALESCE(SUM(r."costNanoUsd"), 0), COALESCE(SUM(r."costSavedNanoUsd"), 0), SUM(r."latencyMs"), COALESCE(SUM(r."timeToFirstTokenMs"), 0),
  COUNT(r."timeToFirstTokenMs"), COALESCE(SUM(r."promptTokens"), 0), COALESCE(SUM(r."completionTokens"), 0)
  FROM "Request" r GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO "PropertyRollup" ("workspaceId", "key", "hour", "value", "requests", "spendNano", "latencySumMs", "tokens")
  SELECT p."workspaceId", p."key", substr(p."createdAt", 1, 13) || ':00:00.000+00:00', p."value", COUNT(*), COALESCE(SUM(r."costNanoUsd"), 0), SUM(r."latencyMs"),
  SUM(COALESCE(r."promptTokens", 0) + COALESCE(r."completionTokens", 0))
  FROM "RequestProperty" p JOIN "Request" r ON r."id" = p."requestId" GROUP BY 1, 2, 3, 4;

