-- CreateTable
CREATE TABLE "LatencyRollup" (
    "workspaceId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "bucket" INTEGER NOT NULL,
    "requests" INTEGER NOT NULL,

    CONSTRAINT "LatencyRollup_pkey" PRIMARY KEY ("workspaceId","hour","bucket")
);

-- CreateTable
CREATE TABLE "UserRollup" (
    "workspaceId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "userId" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "spendNano" BIGINT NOT NULL,
    "latencySumMs" BIGINT NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserRollup_pkey" PRIMARY KEY ("workspaceId","day","userId")
);

-- CreateIndex
CREATE INDEX "UserRollup_workspaceId_userId_day_idx" ON "UserRollup"("workspaceId", "userId", "day");


-- Backfill the rollups from the rows already logged
INSERT INTO "LatencyRollup" ("workspaceId", "hour", "bucket", "requests")
  SELECT r."workspaceId", date_trunc('hour', r."createdAt"), CASE WHEN r."latencyMs" < 1 THEN -1 ELSE CAST(ceil(ln(r."latencyMs") / 0.040005334613699206) AS INTEGER) END, COUNT(*) FROM "Request" r GROUP BY 1, 2, 3;

INSERT INTO "UserRollup" ("workspaceId", "day", "userId", "requests", "errors", "spendNano", "latencySumMs", "firstAt", "lastAt")
  SELECT r."workspaceId", date_trunc('day', r."createdAt"), r."userId", COUNT(*), SUM(CASE WHEN r."status" >= 400 THEN 1 ELSE 0 END), COALESCE(SUM(r."costNanoUsd"), 0),
  SUM(r."latencyMs"), MIN(r."createdAt"), MAX(r."createdAt")
  FROM "Request" r WHERE r."userId" IS NOT NULL GROUP BY 1, 2, 3;
