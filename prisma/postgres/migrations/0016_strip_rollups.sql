-- AlterTable
ALTER TABLE "RequestRollup" ADD COLUMN     "cacheMisses" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unpricedRequests" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "PropertyRollup" ADD COLUMN     "cacheHits" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cacheMisses" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "completionTokens" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "errors" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "promptTokens" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "savedNano" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "ttftCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "ttftSumMs" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "unpricedRequests" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "PropertyLatencyRollup" (
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "bucket" INTEGER NOT NULL,
    "requests" INTEGER NOT NULL,

    CONSTRAINT "PropertyLatencyRollup_pkey" PRIMARY KEY ("workspaceId","key","value","hour","bucket")
);

-- Backfill from the rows still kept. Hours purged before this migration keep 0 in the new
-- columns: their requests and spend stay exact, their errors, cache and token split are unknown.
UPDATE "RequestRollup" SET "unpricedRequests" = a.unpriced, "cacheMisses" = a.misses
FROM (SELECT r."workspaceId" AS w, date_trunc('hour', r."createdAt") AS h, r."provider" AS p, COALESCE(r."modelServed", r."modelRequested") AS m, r."status" AS s, COALESCE(r."cacheStatus" = 'HIT', false) AS c,
    COUNT(*) - COUNT(r."costNanoUsd") AS unpriced, SUM(CASE WHEN r."cacheStatus" <> 'HIT' THEN 1 ELSE 0 END) AS misses
  FROM "Request" r GROUP BY 1, 2, 3, 4, 5, 6) a
WHERE "RequestRollup"."workspaceId" = a.w AND "RequestRollup"."hour" = a.h AND "RequestRollup"."provider" = a.p AND "RequestRollup"."model" = a.m
  AND "RequestRollup"."status" = a.s AND "RequestRollup"."cacheHit" = a.c AND (a.unpriced > 0 OR a.misses > 0);

UPDATE "PropertyRollup" SET "unpricedRequests" = a.unpriced, "errors" = a.errors, "cacheHits" = a.hits, "cacheMisses" = a.misses, "savedNano" = a.saved,
  "ttftSumMs" = a.ttft, "ttftCount" = a.ttftn, "promptTokens" = a.pt, "completionTokens" = a.ct
FROM (SELECT p."workspaceId" AS w, p."key" AS k, date_trunc('hour', p."createdAt") AS h, p."value" AS v, COUNT(*) - COUNT(r."costNanoUsd") AS unpriced,
    SUM(CASE WHEN r."status" >= 400 THEN 1 ELSE 0 END) AS errors, SUM(CASE WHEN r."cacheStatus" = 'HIT' THEN 1 ELSE 0 END) AS hits,
    SUM(CASE WHEN r."cacheStatus" <> 'HIT' THEN 1 ELSE 0 END) AS misses, COALESCE(SUM(r."costSavedNanoUsd"), 0) AS saved,
    COALESCE(SUM(r."timeToFirstTokenMs"), 0) AS ttft, COUNT(r."timeToFirstTokenMs") AS ttftn, COALESCE(SUM(r."promptTokens"), 0) AS pt, COALESCE(SUM(r."completionTokens"), 0) AS ct
  FROM "RequestProperty" p JOIN "Request" r ON r."id" = p."requestId" GROUP BY 1, 2, 3, 4) a
WHERE "PropertyRollup"."workspaceId" = a.w AND "PropertyRollup"."key" = a.k AND "PropertyRollup"."hour" = a.h AND "PropertyRollup"."value" = a.v;

INSERT INTO "PropertyLatencyRollup" ("workspaceId", "key", "value", "hour", "bucket", "requests")
  SELECT p."workspaceId", p."key", p."value", date_trunc('hour', p."createdAt"), CASE WHEN r."latencyMs" < 1 THEN -1 ELSE CAST(ceil(ln(r."latencyMs") / 0.040005334613699206) AS INTEGER) END, COUNT(*)
  FROM "RequestProperty" p JOIN "Request" r ON r."id" = p."requestId" GROUP BY 1, 2, 3, 4, 5;

-- CreateIndex
CREATE INDEX "PropertyRollup_workspaceId_key_value_hour_idx" ON "PropertyRollup"("workspaceId", "key", "value", "hour");

