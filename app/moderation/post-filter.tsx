/** The "Post" menu of the queue's and the log's filter forms. */
export function PostFilter({ id, posts, selected, anyLabel }: { id: string; posts: { slug: string; title: string }[]; selected?: string; anyLabel: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>Post</label>
      <select id={id} name="post" defaultValue={selected ?? ""}>
        <option value="">{anyLabel}</option>
        {posts.map((post) => (
          <option key={post.slug} value={post.slug}>
            {post.title}
          </option>
        ))}
      </select>
    </div>
  );
}
