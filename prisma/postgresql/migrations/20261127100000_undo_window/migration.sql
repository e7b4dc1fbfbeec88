-- A decision's emails wait out its undo window, and an undo withdraws the ones still unsent.
-- AlterEnum
ALTER TYPE "ModerationAction" ADD VALUE 'UNDO';

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "causeEventId" TEXT,
ADD COLUMN     "notBefore" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ModerationEvent" ADD COLUMN     "undoneAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "OutboxMessage_causeEventId_idx" ON "OutboxMessage"("causeEventId");
