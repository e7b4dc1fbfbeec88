-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "guestEmailHash" TEXT;

-- CreateTable
CREATE TABLE "RemovedImport" (
    "importKey" TEXT NOT NULL,
    "removedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RemovedImport_pkey" PRIMARY KEY ("importKey")
);

-- CreateIndex
CREATE INDEX "Comment_guestEmailHash_idx" ON "Comment"("guestEmailHash");


-- Every deletion of an imported comment leaves its import key behind, in the deleting statement's
-- own transaction, whichever code path deleted it.
CREATE FUNCTION "comment_removed_import"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RemovedImport" ("importKey") VALUES (OLD."importKey") ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Comment_removed_import" AFTER DELETE ON "Comment"
FOR EACH ROW WHEN (OLD."importKey" IS NOT NULL) EXECUTE FUNCTION "comment_removed_import"();
