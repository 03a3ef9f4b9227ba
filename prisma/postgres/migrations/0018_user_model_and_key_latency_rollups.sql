-- CreateTable
CREATE TABLE "KeyLatencyRollup" (
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "bucket" INTEGER NOT NULL,
    "requests" INTEGER NOT NULL,

    CONSTRAINT "KeyLatencyRollup_pkey" PRIMARY KEY ("workspaceId","key","hour","bucket")
);

-- CreateTable
CREATE TABLE "UserModelRollup" (
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "model" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,

    CONSTRAINT "UserModelRollup_pkey" PRIMARY KEY ("workspaceId","userId","day","model")
);


-- Backfill from the rows still kept; hours and days purged before this migration have no rows here.
INSERT INTO "UserModelRollup" ("workspaceId", "userId", "day", "model", "requests")
  SELECT r."workspaceId", r."userId", date_trunc('day', r."createdAt"), COALESCE(r."modelServed", r."modelRequested"), COUNT(*)
  FROM "Request" r WHERE r."userId" IS NOT NULL GROUP BY 1, 2, 3, 4;

INSERT INTO "KeyLatencyRollup" ("workspaceId", "key", "hour", "bucket", "requests")
  SELECT p."workspaceId", p."key", date_trunc('hour', p."createdAt"), CASE WHEN r."latencyMs" < 1 THEN -1 ELSE CAST(ceil(ln(r."latencyMs") / 0.040005334613699206) AS INTEGER) END, COUNT(*)
  FROM "RequestProperty" p JOIN "Request" r ON r."id" = p."requestId" AND r."createdAt" = p."createdAt" GROUP BY 1, 2, 3, 4;
