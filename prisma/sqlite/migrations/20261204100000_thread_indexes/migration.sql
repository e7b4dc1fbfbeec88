-- Indexes that answer the thread and the queue from the index alone, whatever plan SQLite (which
-- keeps no statistics) picks: a post's comments in order and how many it has published, its
-- top-level comments in order, each level's replies with their status, and how many of an
-- author's comments were published.
-- DropIndex
DROP INDEX "Comment_postId_status_createdAt_idx";

-- DropIndex
DROP INDEX "Comment_parentId_idx";

-- CreateIndex
CREATE INDEX "Comment_postId_status_createdAt_id_idx" ON "Comment"("postId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Comment_postId_status_deletedAt_idx" ON "Comment"("postId", "status", "deletedAt");

-- CreateIndex
CREATE INDEX "Comment_postId_status_parentId_createdAt_id_idx" ON "Comment"("postId", "status", "parentId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Comment_parentId_status_idx" ON "Comment"("parentId", "status");

-- CreateIndex
CREATE INDEX "Comment_authorId_status_idx" ON "Comment"("authorId", "status");
