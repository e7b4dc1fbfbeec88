/**
 * P5 (`npm run bench -- --instances 2`): two instances on one PostgreSQL database and one Redis.
 * Anonymous post-page throughput of two instances against one, with the same load generators
 * (two autocannon workers in all), and how long an approval through A takes to show to a visitor
 * reading through B, whose page cache held the page.
 */
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { hashPassword } from "../../app/_lib/auth/password";
import { actionId, PASSWORD, signIn } from "./harness";
import { percentile } from "./percentile";
import { startTwoInstances } from "./two-instances";

export type BenchRow = { id: string; metric: string; value: number; unit: string; target: string; pass: boolean | null; note?: string };


const rate = (url: string, seconds: number, workers: number) =>
  autocannon({ url, connections: 50, duration: seconds, ...(workers > 1 ? { workers } : {}) }).then((result) => ({ rps: result.requests.average, errors: result.errors + result.non2xx }));

export async function benchInstances(seconds: number, approvals: number, add: (row: BenchRow) => void): Promise<void> {
  const { a, b, db, stop } = await startTwoInstances("bench-p5");
  try {
    const post = await db.post.findFirstOrThrow({ select: { id: true, slug: true } });
    const path = `/posts/${post.slug}`;
    for (const server of [a, b]) for (let warm = 0; warm < 3; warm++) await fetch(`${server.url}${path}`).then((response) => response.arrayBuffer());

    const one = await rate(`${a.url}${path}`, seconds, 2);
    const [onA, onB] = await Promise.all([rate(`${a.url}${path}`, seconds, 1), rate(`${b.url}${path}`, seconds, 1)]);
    const two = onA.rps + onB.rps;
    add({ id: "P5", metric: "post page, anonymous, one instance: requests/s", value: Math.round(one.rps), unit: "req/s", target: "", pass: null, note: `${one.errors} errors` });
    add({ id: "P5", metric: "post page, anonymous, two instances: requests/s", value: Math.round(two), unit: "req/s", target: "", pass: null, note: `${onA.errors + onB.errors} errors; the load generators share the machine's 2 cores` });
    add({ id: "P5", metric: "ratio two instances / one", value: Number((two / one.rps).toFixed(2)), unit: "", target: "", pass: null });

    const tag = randomBytes(3).toString("hex");
    const passwordHash = await hashPassword(PASSWORD);
    const [author] = await Promise.all([
      db.user.create({ data: { email: `p5-author-${tag}@example.com`, name: "P5 Author", passwordHash } }),
      db.user.create({ data: { email: `p5-moderator-${tag}@example.com`, name: "P5 Moderator", role: "MODERATOR", passwordHash } }),
    ]);
    const moderator = await signIn(a.url, `p5-moderator-${tag}@example.com`);
    const decideId = actionId("decide");
    const latencies: number[] = [];
    for (let index = 0; index < approvals; index++) {
      const body = `P5 comment ${tag} ${index}`;
      const comment = await db.comment.create({ data: { postId: post.id, authorId: author.id, body, status: "PENDING" } });
      // B's cache holds the page without the comment.
      await fetch(`${b.url}${path}`).then((response) => response.arrayBuffer());
      await fetch(`${a.url}/moderation`, {
        method: "POST",
        headers: { "Next-Action": decideId, Origin: a.url, Cookie: moderator, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
        body: JSON.stringify([{ commentId: comment.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 }]),
      }).then((response) => response.arrayBuffer());
      const approvedAt = performance.now();
      while (performance.now() - approvedAt < 5_000) {
        if ((await fetch(`${b.url}${path}`).then((response) => response.text())).includes(body)) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      latencies.push(performance.now() - approvedAt);
    }
    const p95 = Math.round(percentile(latencies, 95));
    add({ id: "P5", metric: "approve on A → visible to a visitor on B, p95", value: p95, unit: "ms", target: "≤ 1000 ms", pass: p95 <= 1_000, note: `${approvals} approvals, p50 ${Math.round(percentile(latencies, 50))} ms, max ${Math.round(Math.max(...latencies))} ms` });
  } finally {
    await stop();
  }
}
