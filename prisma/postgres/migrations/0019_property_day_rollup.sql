-- CreateTable
CREATE TABLE "PropertyDayRollup" (
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "value" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "spendNano" BIGINT NOT NULL,
    "latencySumMs" BIGINT NOT NULL,
    "tokens" BIGINT NOT NULL,
    "unpricedRequests" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "cacheHits" INTEGER NOT NULL,
    "cacheMisses" INTEGER NOT NULL,
    "savedNano" BIGINT NOT NULL,
    "ttftSumMs" BIGINT NOT NULL,
    "ttftCount" INTEGER NOT NULL,
    "promptTokens" BIGINT NOT NULL,
    "completionTokens" BIGINT NOT NULL,

    CONSTRAINT "PropertyDayRollup_pkey" PRIMARY KEY ("workspaceId","key","day","value")
);


-- Backfill from the hourly rollup, which keeps the hours whose rows retention has purged.
INSERT INTO "PropertyDayRollup" ("workspaceId", "key", "day", "value", "requests", "spendNano", "latencySumMs", "tokens", "unpricedRequests", "errors", "cacheHits", "cacheMisses", "savedNano", "ttftSumMs", "ttftCount", "promptTokens", "completionTokens")
  SELECT "workspaceId", "key", date_trunc('day', "hour"), "value", SUM("requests"), SUM("spendNano"), SUM("latencySumMs"), SUM("tokens"), SUM("unpricedRequests"), SUM("errors"), SUM("cacheHits"), SUM("cacheMisses"), SUM("savedNano"), SUM("ttftSumMs"), SUM("ttftCount"), SUM("promptTokens"), SUM("completionTokens")
  FROM "PropertyRollup" GROUP BY 1, 2, 3, 4;
