-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "guestEmailHash" TEXT;

-- CreateTable
CREATE TABLE "RemovedImport" (
    "importKey" TEXT NOT NULL PRIMARY KEY,
    "removedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Comment_guestEmailHash_idx" ON "Comment"("guestEmailHash");


-- Every deletion of an imported comment leaves its import key behind, in the deleting statement's
-- own transaction, whichever code path deleted it.
CREATE TRIGGER "Comment_removed_import" AFTER DELETE ON "Comment"
WHEN OLD."importKey" IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO "RemovedImport" ("importKey", "removedAt") VALUES (OLD."importKey", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
