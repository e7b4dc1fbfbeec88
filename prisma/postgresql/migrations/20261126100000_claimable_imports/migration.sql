-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "guestEmailHash" TEXT;

-- CreateIndex
CREATE INDEX "Comment_guestEmailHash_idx" ON "Comment"("guestEmailHash");

