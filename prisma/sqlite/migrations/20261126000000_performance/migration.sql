-- AlterTable
ALTER TABLE "Post" ADD COLUMN "bodyHtml" TEXT;
ALTER TABLE "Post" ADD COLUMN "bodyHtmlVersion" INTEGER;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "bodyHtml" TEXT;
ALTER TABLE "Comment" ADD COLUMN "bodyHtmlVersion" INTEGER;

-- CreateTable
CREATE TABLE "CommentTally" (
    "status" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "CommentTallyChange" (
    "id" BIGINT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "delta" INTEGER NOT NULL
);

-- Every status starts from an exact count of the comments already stored.
INSERT INTO "CommentTally" ("status", "count")
SELECT "status", 0 FROM (SELECT 'PENDING' AS "status" UNION ALL SELECT 'APPROVED' UNION ALL SELECT 'REJECTED' UNION ALL SELECT 'SPAM' UNION ALL SELECT 'TRASH');
UPDATE "CommentTally" SET "count" = (SELECT COUNT(*) FROM "Comment" WHERE "Comment"."status" = "CommentTally"."status");

-- The tallies move with every comment stored, deleted or moved to another status, inside the
-- statement's own transaction (SQLite has one writer at a time, so the totals are updated directly).
CREATE TRIGGER "Comment_tally_insert" AFTER INSERT ON "Comment"
BEGIN
  UPDATE "CommentTally" SET "count" = "count" + 1 WHERE "status" = NEW."status";
END;

CREATE TRIGGER "Comment_tally_delete" AFTER DELETE ON "Comment"
BEGIN
  UPDATE "CommentTally" SET "count" = "count" - 1 WHERE "status" = OLD."status";
END;

CREATE TRIGGER "Comment_tally_status" AFTER UPDATE OF "status" ON "Comment" WHEN OLD."status" IS NOT NEW."status"
BEGIN
  UPDATE "CommentTally" SET "count" = "count" - 1 WHERE "status" = OLD."status";
  UPDATE "CommentTally" SET "count" = "count" + 1 WHERE "status" = NEW."status";
END;

-- A body changed by anything that did not also write its rendering loses the old rendering,
-- so a stale one is never served: it is rendered again when read.
CREATE TRIGGER "Comment_body_html_stale" AFTER UPDATE OF "body" ON "Comment"
WHEN NEW."body" IS NOT OLD."body" AND NEW."bodyHtml" IS OLD."bodyHtml"
BEGIN
  UPDATE "Comment" SET "bodyHtml" = NULL, "bodyHtmlVersion" = NULL WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Post_body_html_stale" AFTER UPDATE OF "body" ON "Post"
WHEN NEW."body" IS NOT OLD."body" AND NEW."bodyHtml" IS OLD."bodyHtml"
BEGIN
  UPDATE "Post" SET "bodyHtml" = NULL, "bodyHtmlVersion" = NULL WHERE "id" = NEW."id";
END;
