-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "importFingerprint" TEXT;

-- CreateTable
CREATE TABLE "RemovedImport" (
    "importKey" TEXT NOT NULL,
    "fingerprint" TEXT,
    "removedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RemovedImport_pkey" PRIMARY KEY ("importKey")
);

-- CreateIndex
CREATE INDEX "RemovedImport_fingerprint_idx" ON "RemovedImport"("fingerprint");

-- CreateIndex
CREATE INDEX "Comment_importFingerprint_idx" ON "Comment"("importFingerprint");

-- Every deletion of an imported comment leaves its import key and fingerprint behind, in the
-- deleting statement's own transaction, whichever code path deleted it.
CREATE FUNCTION "comment_removed_import"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RemovedImport" ("importKey", "fingerprint") VALUES (OLD."importKey", OLD."importFingerprint") ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Comment_removed_import" AFTER DELETE ON "Comment"
FOR EACH ROW WHEN (OLD."importKey" IS NOT NULL) EXECUTE FUNCTION "comment_removed_import"();
