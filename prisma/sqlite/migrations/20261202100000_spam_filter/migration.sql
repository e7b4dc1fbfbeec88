-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "spamScore" REAL;
ALTER TABLE "Comment" ADD COLUMN "spamTrainedAs" TEXT;

-- CreateTable
CREATE TABLE "SpamModel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "model" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Comment_status_spamScore_idx" ON "Comment"("status", "spamScore");

