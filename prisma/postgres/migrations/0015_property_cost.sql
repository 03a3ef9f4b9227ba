-- AlterTable
ALTER TABLE "RequestProperty" ADD COLUMN     "costNanoUsd" BIGINT;

-- Backfill: each property row of a priced request takes its cost (before the index, so it is
-- built once; about three minutes per million requests with five properties each).
UPDATE "RequestProperty" p SET "costNanoUsd" = r."costNanoUsd" FROM "Request" r WHERE r."id" = p."requestId" AND r."costNanoUsd" IS NOT NULL;

-- CreateIndex
CREATE INDEX "RequestProperty_workspaceId_key_value_costNanoUsd_requestId_idx" ON "RequestProperty"("workspaceId", "key", "value", "costNanoUsd", "requestId");
