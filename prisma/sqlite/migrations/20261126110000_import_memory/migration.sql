-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "importFingerprint" TEXT;

-- CreateTable
CREATE TABLE "RemovedImport" (
    "importKey" TEXT NOT NULL PRIMARY KEY,
    "fingerprint" TEXT,
    "removedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "RemovedImport_fingerprint_idx" ON "RemovedImport"("fingerprint");

-- CreateIndex
CREATE INDEX "Comment_importFingerprint_idx" ON "Comment"("importFingerprint");

-- Every deletion of an imported comment leaves its import key and fingerprint behind, in the
-- deleting statement's own transaction, whichever code path deleted it.
CREATE TRIGGER "Comment_removed_import" AFTER DELETE ON "Comment"
WHEN OLD."importKey" IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO "RemovedImport" ("importKey", "fingerprint", "removedAt") VALUES (OLD."importKey", OLD."importFingerprint", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
