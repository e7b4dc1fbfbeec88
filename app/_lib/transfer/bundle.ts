/** What an importer reads out of another system's export, before anything is stored. */
export type ImportedComment = {
  /** Unique across every import ("wordpress:blog.example.org:42"), so importing twice adds nothing. */
  key: string;
  parentKey: string | null;
  authorName: string;
  /** The guest's email address as the export gave it, if any: stored only as a keyed hash. */
  authorEmail: string | null;
  /** Markdown, as Vetted stores comments. */
  body: string;
  status: "PENDING" | "APPROVED" | "SPAM" | "TRASH";
  createdAt: Date;
};

export type ImportedPost = {
  slug: string;
  title: string;
  authorName: string;
  publishedAt: Date;
  /** Markdown (HTML inside it is kept where the post sanitiser allows it). */
  body: string;
  commentsOpen: boolean;
  comments: ImportedComment[];
};

/** What an export held that Vetted does not import, by kind, so a summary can say so. */
export const SKIPPED_KINDS = {
  draftPosts: ["draft post", "draft posts"],
  pages: ["page", "pages"],
  otherItems: ["other item (attachment, menu, template)", "other items (attachments, menus, templates)"],
  pingbacks: ["pingback", "pingbacks"],
  trackbacks: ["trackback", "trackbacks"],
  commentsOnUnpublished: ["comment on an unpublished post or page", "comments on unpublished posts or pages"],
  emptyComments: ["comment with no text left", "comments with no text left"],
  orphanComments: ["comment on a discussion the file does not hold", "comments on discussions the file does not hold"],
  removedHere: ["comment deleted here since an earlier import", "comments deleted here since an earlier import"],
} as const;

export type SkippedKind = keyof typeof SKIPPED_KINDS;
/** What the file itself held that is not imported (the store adds what it finds deleted here). */
export type Skipped = Record<Exclude<SkippedKind, "removedHere">, number>;

export const noneSkipped = (): Skipped => ({ draftPosts: 0, pages: 0, otherItems: 0, pingbacks: 0, trackbacks: 0, commentsOnUnpublished: 0, emptyComments: 0, orphanComments: 0 });

export type ImportBundle = { source: "wordpress" | "disqus"; posts: ImportedPost[]; skipped: Skipped };
