import Link from "next/link";

export default function Forbidden() {
  return (
    <>
      <h1>You do not have access</h1>
      <p>This page is for moderators and administrators. If you think you should have access, ask an administrator.</p>
      <p>
        <Link prefetch={false} href="/">Back to the posts</Link>
      </p>
    </>
  );
}
