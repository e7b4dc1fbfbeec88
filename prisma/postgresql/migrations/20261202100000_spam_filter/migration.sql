-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "spamScore" DOUBLE PRECISION,
ADD COLUMN     "spamTrainedAs" TEXT;

-- CreateTable
CREATE TABLE "SpamModel" (
    "id" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpamModel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Comment_status_spamScore_idx" ON "Comment"("status", "spamScore");

