-- AlterTable
ALTER TABLE "RequestProperty" ADD COLUMN "costNanoUsd" BIGINT;

-- Backfill: each property row takes its request's cost (before the index, so it is built once).
UPDATE "RequestProperty" SET "costNanoUsd" = (SELECT r."costNanoUsd" FROM "Request" r WHERE r."id" = "RequestProperty"."requestId");

-- CreateIndex
CREATE INDEX "RequestProperty_workspaceId_key_value_costNanoUsd_requestId_idx" ON "RequestProperty"("workspaceId", "key", "value", "costNanoUsd", "requestId");
