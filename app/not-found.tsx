import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>There is nothing at this address. The post may have moved or never existed.</p>
      <p>
        <Link prefetch={false} href="/">See all posts</Link>
      </p>
    </>
  );
}
