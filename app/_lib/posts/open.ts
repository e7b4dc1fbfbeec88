/** Whether a post takes comments now: its own switch, and the site's "close after N days". */
export function acceptsComments(post: { commentsOpen: boolean; publishedAt: Date }, closeAfterDays: number, now = new Date()): boolean {
  if (!post.commentsOpen) return false;
  return closeAfterDays <= 0 || now.getTime() - post.publishedAt.getTime() <= closeAfterDays * 86_400_000;
}
