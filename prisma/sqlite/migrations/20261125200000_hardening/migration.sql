-- Sessions carry the user's session version; bumping it ends them all.
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- A reply's link to its parent no longer cascades a deletion (SQLite changes a foreign key only by
-- rebuilding the table; the migration runner turns foreign keys off around it and checks them after).
CREATE TABLE "new_Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "postId" TEXT NOT NULL,
    "authorId" TEXT,
    "guestName" TEXT,
    "parentId" TEXT,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "heldReason" TEXT,
    "rejectionReason" TEXT,
    "termsVersion" INTEGER,
    "termsAcceptedAt" DATETIME,
    "submissionKey" TEXT,
    "importKey" TEXT,
    "notifyReplies" BOOLEAN NOT NULL DEFAULT false,
    "deletedAt" DATETIME,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Comment_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE NO ACTION ON UPDATE CASCADE,
    CONSTRAINT "Comment_termsVersion_fkey" FOREIGN KEY ("termsVersion") REFERENCES "TermsVersion" ("version") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("authorId", "body", "createdAt", "decidedAt", "decidedById", "deletedAt", "guestName", "heldReason", "id", "importKey", "notifyReplies", "parentId", "postId", "rejectionReason", "status", "submissionKey", "termsAcceptedAt", "termsVersion", "updatedAt") SELECT "authorId", "body", "createdAt", "decidedAt", "decidedById", "deletedAt", "guestName", "heldReason", "id", "importKey", "notifyReplies", "parentId", "postId", "rejectionReason", "status", "submissionKey", "termsAcceptedAt", "termsVersion", "updatedAt" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE UNIQUE INDEX "Comment_submissionKey_key" ON "Comment"("submissionKey");
CREATE UNIQUE INDEX "Comment_importKey_key" ON "Comment"("importKey");
CREATE INDEX "Comment_postId_status_createdAt_idx" ON "Comment"("postId", "status", "createdAt");
CREATE INDEX "Comment_status_createdAt_id_idx" ON "Comment"("status", "createdAt", "id");
CREATE INDEX "Comment_authorId_createdAt_idx" ON "Comment"("authorId", "createdAt");
CREATE INDEX "Comment_parentId_idx" ON "Comment"("parentId");
