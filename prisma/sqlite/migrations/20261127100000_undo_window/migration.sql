-- A decision's emails wait out its undo window, and an undo withdraws the ones still unsent.
-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "causeEventId" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "notBefore" DATETIME;

-- AlterTable
ALTER TABLE "ModerationEvent" ADD COLUMN "undoneAt" DATETIME;

-- CreateIndex
CREATE INDEX "OutboxMessage_causeEventId_idx" ON "OutboxMessage"("causeEventId");
