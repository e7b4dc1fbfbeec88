-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "bodyHtml" TEXT,
ADD COLUMN     "bodyHtmlVersion" INTEGER;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "bodyHtml" TEXT,
ADD COLUMN     "bodyHtmlVersion" INTEGER;

-- CreateTable
CREATE TABLE "CommentTally" (
    "status" "CommentStatus" NOT NULL,
    "slot" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CommentTally_pkey" PRIMARY KEY ("status","slot")
);


-- Eight slots per status: concurrent transactions add to different rows instead of queueing on
-- one. A transaction keeps to one slot (chosen by its connection), so it never waits on itself.
INSERT INTO "CommentTally" ("status", "slot", "count")
SELECT "status", "slot", 0 FROM unnest(enum_range(NULL::"CommentStatus")) AS "status", generate_series(0, 7) AS "slot";
UPDATE "CommentTally" SET "count" = (SELECT COUNT(*) FROM "Comment" WHERE "Comment"."status" = "CommentTally"."status") WHERE "slot" = 0;

-- The tallies move with every comment stored, deleted or moved to another status, inside the
-- statement's own transaction.
CREATE FUNCTION "comment_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  chosen integer := pg_backend_pid() % 8;
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
    UPDATE "CommentTally" SET "count" = "count" - 1 WHERE "status" = OLD."status" AND "slot" = chosen;
  END IF;
  IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
    UPDATE "CommentTally" SET "count" = "count" + 1 WHERE "status" = NEW."status" AND "slot" = chosen;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Comment_tally_change" AFTER INSERT OR DELETE ON "Comment"
FOR EACH ROW EXECUTE FUNCTION "comment_tally"();

CREATE TRIGGER "Comment_tally_status" AFTER UPDATE OF "status" ON "Comment"
FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION "comment_tally"();

-- TRUNCATE skips row triggers: it empties the tallies with the comments.
CREATE FUNCTION "comment_tally_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CommentTally" SET "count" = 0;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Comment_tally_truncate" AFTER TRUNCATE ON "Comment"
FOR EACH STATEMENT EXECUTE FUNCTION "comment_tally_truncate"();

-- A body changed by anything that did not also write its rendering loses the old rendering,
-- so a stale one is never served: it is rendered again when read.
CREATE FUNCTION "body_html_stale"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."body" IS DISTINCT FROM OLD."body" AND NEW."bodyHtml" IS NOT DISTINCT FROM OLD."bodyHtml" THEN
    NEW."bodyHtml" := NULL;
    NEW."bodyHtmlVersion" := NULL;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Comment_body_html_stale" BEFORE UPDATE OF "body" ON "Comment"
FOR EACH ROW EXECUTE FUNCTION "body_html_stale"();

CREATE TRIGGER "Post_body_html_stale" BEFORE UPDATE OF "body" ON "Post"
FOR EACH ROW EXECUTE FUNCTION "body_html_stale"();
