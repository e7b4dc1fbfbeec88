-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "bodyHtml" TEXT,
ADD COLUMN     "bodyHtmlVersion" INTEGER;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "bodyHtml" TEXT,
ADD COLUMN     "bodyHtmlVersion" INTEGER;

-- CreateTable
CREATE TABLE "CommentTally" (
    "status" "CommentStatus" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CommentTally_pkey" PRIMARY KEY ("status")
);

-- CreateTable
CREATE TABLE "CommentTallyChange" (
    "id" BIGSERIAL NOT NULL,
    "status" "CommentStatus" NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "CommentTallyChange_pkey" PRIMARY KEY ("id")
);

-- Every status starts from an exact count of the comments already stored.
INSERT INTO "CommentTally" ("status", "count")
SELECT "known"."status", (SELECT COUNT(*) FROM "Comment" WHERE "Comment"."status" = "known"."status")
FROM unnest(enum_range(NULL::"CommentStatus")) AS "known"("status");

-- Every comment stored, deleted or moved to another status appends its +1 and -1 here, inside the
-- statement's own transaction. Appending takes no lock another transaction waits for, so
-- concurrent decisions neither queue nor deadlock; the app folds the changes into the totals.
CREATE FUNCTION "comment_tally_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
    INSERT INTO "CommentTallyChange" ("status", "delta") VALUES (OLD."status", -1);
  END IF;
  IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
    INSERT INTO "CommentTallyChange" ("status", "delta") VALUES (NEW."status", 1);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Comment_tally_change" AFTER INSERT OR DELETE ON "Comment"
FOR EACH ROW EXECUTE FUNCTION "comment_tally_change"();

CREATE TRIGGER "Comment_tally_status" AFTER UPDATE OF "status" ON "Comment"
FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION "comment_tally_change"();

-- TRUNCATE skips row triggers: it empties the tallies with the comments.
CREATE FUNCTION "comment_tally_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CommentTally" SET "count" = 0;
  DELETE FROM "CommentTallyChange";
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
