/** What an importer reads out of another system's export, before anything is stored. */
export type ImportedComment = {
  /** Unique across every import ("wordpress:blog.example.org:42"), so importing twice adds nothing. */
  key: string;
  parentKey: string | null;
  authorName: string;
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

export type ImportBundle = { source: "wordpress" | "disqus"; posts: ImportedPost[] };
