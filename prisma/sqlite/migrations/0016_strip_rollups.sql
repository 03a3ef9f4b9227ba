-- CreateTable
CREATE TABLE "PropertyLatencyRollup" (
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "bucket" INTEGER NOT NULL,
    "requests" INTEGER NOT NULL,

    PRIMARY KEY ("workspaceId", "key", "value", "hour", "bucket")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RequestRollup" (
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
    "unpricedRequests" INTEGER NOT NULL DEFAULT 0,
    "cacheMisses" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("workspaceId", "hour", "provider", "model", "status", "cacheHit")
);
INSERT INTO "new_RequestRollup" ("cacheHit", "completionTokens", "hour", "latencySumMs", "model", "promptTokens", "provider", "requests", "savedNano", "spendNano", "status", "ttftCount", "ttftSumMs", "workspaceId") SELECT "cacheHit", "completionTokens", "hour", "latencySumMs", "model", "promptTokens", "provider", "requests", "savedNano", "spendNano", "status", "ttftCount", "ttftSumMs", "workspaceId" FROM "RequestRollup";
DROP TABLE "RequestRollup";
ALTER TABLE "new_RequestRollup" RENAME TO "RequestRollup";
CREATE TABLE "new_PropertyRollup" (
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "value" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "spendNano" BIGINT NOT NULL,
    "latencySumMs" BIGINT NOT NULL,
    "tokens" BIGINT NOT NULL,
    "unpricedRequests" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "cacheHits" INTEGER NOT NULL DEFAULT 0,
    "cacheMisses" INTEGER NOT NULL DEFAULT 0,
    "savedNano" BIGINT NOT NULL DEFAULT 0,
    "ttftSumMs" BIGINT NOT NULL DEFAULT 0,
    "ttftCount" INTEGER NOT NULL DEFAULT 0,
    "promptTokens" BIGINT NOT NULL DEFAULT 0,
    "completionTokens" BIGINT NOT NULL DEFAULT 0,

    PRIMARY KEY ("workspaceId", "key", "hour", "value")
);
INSERT INTO "new_PropertyRollup" ("hour", "key", "latencySumMs", "requests", "spendNano", "tokens", "value", "workspaceId") SELECT "hour", "key", "latencySumMs", "requests", "spendNano", "tokens", "value", "workspaceId" FROM "PropertyRollup";
DROP TABLE "PropertyRollup";
ALTER TABLE "new_PropertyRollup" RENAME TO "PropertyRollup";
CREATE INDEX "PropertyRollup_workspaceId_hour_idx" ON "PropertyRollup"("workspaceId", "hour");
CREATE INDEX "PropertyRollup_workspaceId_key_value_hour_idx" ON "PropertyRollup"("workspaceId", "key", "value", "hour");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill from the rows still kept. Hours purged before this migration keep 0 in the new
-- columns: their requests and spend stay exact, their errors, cache and token split are unknown.
UPDATE "RequestRollup" SET "unpricedRequests" = a.unpriced, "cacheMisses" = a.misses
FROM (SELECT r."workspaceId" AS w, substr(r."createdAt", 1, 13) || ':00:00.000+00:00' AS h, r."provider" AS p, COALESCE(r."modelServed", r."modelRequested") AS m, r."status" AS s, (CASE WHEN r."cacheStatus" = 'HIT' THEN 1 ELSE 0 END) AS c,
    COUNT(*) - COUNT(r."costNanoUsd") AS unpriced, SUM(CASE WHEN r."cacheStatus" <> 'HIT' THEN 1 ELSE 0 END) AS misses
  FROM "Request" r GROUP BY 1, 2, 3, 4, 5, 6) a
WHERE "RequestRollup"."workspaceId" = a.w AND "RequestRollup"."hour" = a.h AND "RequestRollup"."provider" = a.p AND "RequestRollup"."model" = a.m
  AND "RequestRollup"."status" = a.s AND "RequestRollup"."cacheHit" = a.c AND (a.unpriced > 0 OR a.misses > 0);

UPDATE "PropertyRollup" SET "unpricedRequests" = a.unpriced, "errors" = a.errors, "cacheHits" = a.hits, "cacheMisses" = a.misses, "savedNano" = a.saved,
  "ttftSumMs" = a.ttft, "ttftCount" = a.ttftn, "promptTokens" = a.pt, "completionTokens" = a.ct
FROM (SELECT p."workspaceId" AS w, p."key" AS k, substr(p."createdAt", 1, 13) || ':00:00.000+00:00' AS h, p."value" AS v, COUNT(*) - COUNT(r."costNanoUsd") AS unpriced,
    SUM(CASE WHEN r."status" >= 400 THEN 1 ELSE 0 END) AS errors, SUM(CASE WHEN r."cacheStatus" = 'HIT' THEN 1 ELSE 0 END) AS hits,
    SUM(CASE WHEN r."cacheStatus" <> 'HIT' THEN 1 ELSE 0 END) AS misses, COALESCE(SUM(r."costSavedNanoUsd"), 0) AS saved,
    COALESCE(SUM(r."timeToFirstTokenMs"), 0) AS ttft, COUNT(r."timeToFirstTokenMs") AS ttftn, COALESCE(SUM(r."promptTokens"), 0) AS pt, COALESCE(SUM(r."completionTokens"), 0) AS ct
  FROM "RequestProperty" p JOIN "Request" r ON r."id" = p."requestId" GROUP BY 1, 2, 3, 4) a
WHERE "PropertyRollup"."workspaceId" = a.w AND "PropertyRollup"."key" = a.k AND "PropertyRollup"."hour" = a.h AND "PropertyRollup"."value" = a.v;

INSERT INTO "PropertyLatencyRollup" ("workspaceId", "key", "value", "hour", "bucket", "requests")
  SELECT p."workspaceId", p."key", p."value", substr(p."createdAt", 1, 13) || ':00:00.000+00:00', CASE WHEN r."latencyMs" < 1 THEN -1 ELSE CAST(ceil(ln(r."latencyMs") / 0.040005334613699206) AS INTEGER) END, COUNT(*)
  FROM "RequestProperty" p JOIN "Request" r ON r."id" = p."requestId" GROUP BY 1, 2, 3, 4, 5;
