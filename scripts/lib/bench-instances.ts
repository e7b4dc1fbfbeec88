/**
 * P5 (`npm run bench -- --instances 2`): two instances on one PostgreSQL database and one Redis.
 * Anonymous post-page throughput through nginx (deploy/nginx.conf) with one instance behind it
 * and with two, measured by the same load generator (two autocannon workers), and how long an
 * approval through A takes to show to a visitor reading through B, whose page cache held the page.
 */
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { hashPassword } from "../../app/_lib/auth/password";
import { actionId, freePort, PASSWORD, signIn } from "./harness";
import { startNginx } from "./nginx";
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
    const port = (server: { url: string }) => Number(new URL(server.url).port);
    const through = async (servers: { url: string }[]) => {
      const nginx = await startNginx(await freePort(), servers.map(port));
      try {
        for (let warm = 0; warm < 6; warm++) await fetch(`${nginx.url}${path}`).then((response) => response.arrayBuffer());
        return await rate(`${nginx.url}${path}`, seconds, 2);
      } finally {
        await nginx.stop();
      }
    };
    const one = await through([a]);
    const two = await through([a, b]);
    add({ id: "P5", metric: "post page, anonymous, through nginx, one instance: requests/s", value: Math.round(one.rps), unit: "req/s", target: "", pass: null, note: `${one.errors} errors` });
    add({ id: "P5", metric: "post page, anonymous, through nginx, two instances: requests/s", value: Math.round(two.rps), unit: "req/s", target: "", pass: null, note: `${two.errors} errors; nginx, the instances and the load generator share the machine's 2 cores` });
    add({ id: "P5", metric: "ratio two instances / one", value: Number((two.rps / one.rps).toFixed(2)), unit: "", target: "", pass: null });

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
      // A post of its own each time, so the comment lands on the page B keeps (not on a later page).
      const target = await db.post.create({ data: { slug: `p5-${tag}-${index}`, title: `P5 post ${index}`, authorName: "Bench", publishedAt: new Date(), body: "A post." } });
      const targetPath = `/posts/${target.slug}`;
      const body = `P5 comment ${tag} ${index}`;
      const comment = await db.comment.create({ data: { postId: target.id, authorId: author.id, body, status: "PENDING" } });
      // B's cache holds the page without the comment.
      for (let warm = 0; warm < 2; warm++) await fetch(`${b.url}${targetPath}`).then((response) => response.arrayBuffer());
      const decided = await fetch(`${a.url}/moderation`, {
        method: "POST",
        headers: { "Next-Action": decideId, Origin: a.url, Cookie: moderator, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
        body: JSON.stringify([{ commentId: comment.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 }]),
      }).then((response) => response.text());
      if (!decided.includes('"ok":true')) throw new Error(`The approval through A failed: ${decided.slice(0, 200)}`);
      const approvedAt = performance.now();
      while (performance.now() - approvedAt < 5_000) {
        if ((await fetch(`${b.url}${targetPath}`).then((response) => response.text())).includes(body)) break;
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
