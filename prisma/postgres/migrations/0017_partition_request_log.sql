-- Request and RequestProperty become tables partitioned by "createdAt", one partition per UTC day
-- (made ahead by lib/db/partitions.ts), so retention drops whole days instead of deleting rows.
-- This is a physical change Prisma's schema cannot state: prisma/models.prisma keeps describing
-- the logical tables.
--
-- The rows already stored are not copied: the old tables become one partition each, "…_legacy",
-- bounded above by the start of the day after the newest row, and the new tables' indexes take
-- over the old ones. The cost is one index build on "Request" ("id", "createdAt") and one check of
-- the properties' foreign key; an empty log simply starts over.
-- A primary key of a partitioned table must hold the partition key, so the request's key is
-- ("id", "createdAt") and the properties point at it with both columns (they carry the request's
-- "createdAt" already). Rows outside every daily partition land in "…_default" instead of failing.

ALTER TABLE "RequestProperty" DROP CONSTRAINT "RequestProperty_requestId_fkey";
ALTER TABLE "Request" RENAME TO "Request_legacy";
ALTER TABLE "RequestProperty" RENAME TO "RequestProperty_legacy";
ALTER TABLE "Request_legacy" RENAME CONSTRAINT "Request_pkey" TO "Request_legacy_pkey";
ALTER TABLE "RequestProperty_legacy" RENAME CONSTRAINT "RequestProperty_pkey" TO "RequestProperty_legacy_pkey";
ALTER TABLE "Request_legacy" RENAME CONSTRAINT "Request_workspaceId_fkey" TO "Request_legacy_workspaceId_fkey";

-- Index names are global: the old tables' indexes give theirs up to the new parents.
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('Request_legacy', 'RequestProperty_legacy') AND indexname NOT LIKE '%_legacy_pkey' LOOP
    EXECUTE format('ALTER INDEX %I RENAME TO %I', r.indexname, left(r.indexname, 56) || '_legacy');
  END LOOP;
END $$;

CREATE TABLE "Request" (LIKE "Request_legacy" INCLUDING DEFAULTS) PARTITION BY RANGE ("createdAt");
ALTER TABLE "Request" ADD CONSTRAINT "Request_pkey" PRIMARY KEY ("id", "createdAt");
CREATE INDEX "Request_workspaceId_createdAt_idx" ON "Request"("workspaceId", "createdAt");
CREATE INDEX "Request_workspaceId_modelServed_createdAt_idx" ON "Request"("workspaceId", "modelServed", "createdAt");
CREATE INDEX "Request_workspaceId_provider_createdAt_idx" ON "Request"("workspaceId", "provider", "createdAt");
CREATE INDEX "Request_workspaceId_userId_createdAt_idx" ON "Request"("workspaceId", "userId", "createdAt");
CREATE INDEX "Request_workspaceId_sessionId_createdAt_idx" ON "Request"("workspaceId", "sessionId", "createdAt");
CREATE INDEX "Request_workspaceId_status_createdAt_idx" ON "Request"("workspaceId", "status", "createdAt");
CREATE INDEX "Request_workspaceId_apiKeyId_createdAt_idx" ON "Request"("workspaceId", "apiKeyId", "createdAt");
CREATE INDEX "Request_workspaceId_rateLimitedBy_createdAt_idx" ON "Request"("workspaceId", "rateLimitedBy", "createdAt");
CREATE INDEX "Request_workspaceId_clientRequestId_idx" ON "Request"("workspaceId", "clientRequestId");
CREATE INDEX "Request_workspaceId_createdAt_userId_latencyMs_costNanoUsd__idx" ON "Request"("workspaceId", "createdAt", "userId", "latencyMs", "costNanoUsd", "status", "timeToFirstTokenMs", "id");
ALTER TABLE "Request" ADD CONSTRAINT "Request_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "RequestProperty" (LIKE "RequestProperty_legacy" INCLUDING DEFAULTS) PARTITION BY RANGE ("createdAt");
ALTER TABLE "RequestProperty" ADD CONSTRAINT "RequestProperty_pkey" PRIMARY KEY ("requestId", "key", "createdAt");
CREATE INDEX "RequestProperty_workspaceId_key_value_createdAt_idx" ON "RequestProperty"("workspaceId", "key", "value", "createdAt");
CREATE INDEX "RequestProperty_workspaceId_key_createdAt_idx" ON "RequestProperty"("workspaceId", "key", "createdAt");
CREATE INDEX "RequestProperty_workspaceId_key_value_costNanoUsd_requestId_idx" ON "RequestProperty"("workspaceId", "key", "value", "costNanoUsd", "requestId");
ALTER TABLE "RequestProperty" ADD CONSTRAINT "RequestProperty_requestId_createdAt_fkey" FOREIGN KEY ("requestId", "createdAt") REFERENCES "Request"("id", "createdAt") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Request_default" PARTITION OF "Request" DEFAULT;
CREATE TABLE "RequestProperty_default" PARTITION OF "RequestProperty" DEFAULT;

DO $$
DECLARE
  upper_bound timestamp(3);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "Request_legacy") THEN
    DROP TABLE "RequestProperty_legacy";
    DROP TABLE "Request_legacy";
    RETURN;
  END IF;
  SELECT date_trunc('day', GREATEST(max("createdAt"), now() AT TIME ZONE 'UTC')) + interval '1 day' INTO upper_bound FROM "Request_legacy";
  -- The keys the parents need, built on the old tables so ATTACH adopts them.
  CREATE UNIQUE INDEX "Request_legacy_id_createdAt_key" ON "Request_legacy"("id", "createdAt");
  CREATE UNIQUE INDEX "RequestProperty_legacy_requestId_key_createdAt_key" ON "RequestProperty_legacy"("requestId", "key", "createdAt");
  ALTER TABLE "RequestProperty_legacy" DROP CONSTRAINT "RequestProperty_legacy_pkey";
  ALTER TABLE "RequestProperty_legacy" ADD CONSTRAINT "RequestProperty_legacy_pkey" PRIMARY KEY USING INDEX "RequestProperty_legacy_requestId_key_createdAt_key";
  ALTER TABLE "Request_legacy" DROP CONSTRAINT "Request_legacy_pkey";
  ALTER TABLE "Request_legacy" ADD CONSTRAINT "Request_legacy_pkey" PRIMARY KEY USING INDEX "Request_legacy_id_createdAt_key";
  EXECUTE format('ALTER TABLE "Request" ATTACH PARTITION "Request_legacy" FOR VALUES FROM (MINVALUE) TO (%L)', upper_bound);
  EXECUTE format('ALTER TABLE "RequestProperty" ATTACH PARTITION "RequestProperty_legacy" FOR VALUES FROM (MINVALUE) TO (%L)', upper_bound);
END $$;
