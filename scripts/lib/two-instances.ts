/**
 * Two instances of the production server on one PostgreSQL database and one Redis, as a site
 * behind a load balancer runs them. What one instance changes, the other shows at once:
 *  - an approval through A reaches a visitor's cached page on B within a second;
 *  - a moderator connected to B hears of a comment submitted through A (Server-Sent Events);
 *  - flood control holds across both: one reader submitting through A and B at the same moment
 *    has exactly one comment stored;
 *  - the sign-in limit holds across both: five failures split between A and B lock the account
 *    from that address on either.
 */
import { randomBytes } from "node:crypto";
import { hashPassword } from "../../app/_lib/auth/password";
import { actionId, freePort, freshDatabase, PASSWORD, prepare, signIn, startServer, submitComment, trySignIn, type Server } from "./harness";

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export type ScenarioOutcome = { figures: Record<string, number | string>; problems: string[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the first Server-Sent Event of a type on an open stream; null after `timeoutMs`. */
async function nextEvent(stream: ReadableStreamDefaultReader<Uint8Array>, type: string, timeoutMs: number): Promise<Record<string, unknown> | null> {
  const decoder = new TextDecoder();
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const chunk = await Promise.race([stream.read(), sleep(deadline - Date.now()).then(() => null)]);
    if (!chunk || chunk.done) return null;
    buffer += decoder.decode(chunk.value, { stream: true });
    for (const block of buffer.split("\n\n").slice(0, -1)) {
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event === type && data) return JSON.parse(data) as Record<string, unknown>;
    }
    buffer = buffer.slice(buffer.lastIndexOf("\n\n") + 2);
  }
  return null;
}

/** Starts two instances sharing a fresh PostgreSQL database and a Redis namespace of their own. */
type Instances = {
  a: Server;
  b: Server;
  db: Awaited<ReturnType<typeof prepare>>;
  /** Stops one instance (SIGTERM: it drains) and starts it again on its port. */
  restart: (which: "a" | "b") => Promise<void>;
  stop: () => Promise<void>;
};

export async function startTwoInstances(label: string): Promise<Instances> {
  const { target, drop } = await freshDatabase("postgresql", label);
  const db = await prepare(target);
  const env = { REDIS_URL, REDIS_PREFIX: `vetted-test-${randomBytes(4).toString("hex")}:` };
  const instances: Instances = {
    a: await startServer(target.url, await freePort(), { env }),
    b: await startServer(target.url, await freePort(), { env }),
    db,
    restart: async (which) => {
      const port = Number(new URL(instances[which].url).port);
      await instances[which].stop();
      instances[which] = await startServer(target.url, port, { env });
    },
    stop: async () => {
      await Promise.all([instances.a.stop(), instances.b.stop()]);
      await db.$disconnect();
      await drop();
    },
  };
  return instances;
}

export async function twoInstancesScenario(): Promise<ScenarioOutcome> {
  const { a, b, db, stop } = await startTwoInstances("instances");
  try {
    const problems: string[] = [];
    const passwordHash = await hashPassword(PASSWORD);
    const tag = randomBytes(3).toString("hex");
    const [reader, moderator] = await Promise.all([
      db.user.create({ data: { email: `reader-${tag}@example.com`, name: "Reader", passwordHash } }),
      db.user.create({ data: { email: `moderator-${tag}@example.com`, name: "Moderator", role: "MODERATOR", passwordHash } }),
    ]);
    const post = await db.post.findFirstOrThrow({ select: { id: true, slug: true } });
    const terms = await db.termsVersion.findFirstOrThrow({ orderBy: { version: "desc" }, select: { version: true } });
    const [readerOnA, readerOnB, moderatorOnA, moderatorOnB] = await Promise.all([signIn(a.url, reader.email), signIn(b.url, reader.email), signIn(a.url, moderator.email), signIn(b.url, moderator.email)]);

    // A moderator's live queue on B, then a comment submitted through A.
    const events = await fetch(`${b.url}/api/moderation/events`, { headers: { Cookie: moderatorOnB } });
    const stream = events.body!.getReader();
    const submitId = actionId("submitComment");
    const submitted = await submitComment(a.url, readerOnA, post.id, terms.version, submitId, post.slug);
    const heard = await nextEvent(stream, "pending", 5_000);
    await stream.cancel();
    const stored = await db.comment.findFirst({ where: { submissionKey: submitted.key }, select: { id: true } });
    if (!submitted.acknowledged || !stored) problems.push("the submission through A was not stored");
    if (!heard || heard.commentId !== stored?.id) problems.push("the moderator connected to B did not hear of the comment submitted through A");

    // A visitor's page on B comes from B's cache; the approval through A must empty it.
    const pageOnB = () => fetch(`${b.url}/posts/${post.slug}`).then(async (response) => ({ cache: response.headers.get("x-vetted-cache"), text: await response.text() }));
    await pageOnB();
    const cachedBefore = await pageOnB();
    if (cachedBefore.cache !== "hit") problems.push("B did not serve the post page from its cache");
    const approved = await fetch(`${a.url}/moderation`, {
      method: "POST",
      headers: { "Next-Action": actionId("decide"), Origin: a.url, Cookie: moderatorOnA, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
      body: JSON.stringify([{ commentId: stored?.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 }]),
    });
    const approvedAt = Date.now();
    let visibleAfterMs = -1;
    while (Date.now() - approvedAt < 5_000) {
      if ((await pageOnB()).text.includes(`Load comment ${submitted.key}`)) {
        visibleAfterMs = Date.now() - approvedAt;
        break;
      }
      await sleep(20);
    }
    if (approved.status !== 200) problems.push(`the approval through A answered ${approved.status}`);
    if (visibleAfterMs < 0 || visibleAfterMs > 1_000) problems.push(`the approval through A reached a visitor on B after ${visibleAfterMs < 0 ? "more than 5 s" : `${visibleAfterMs} ms`}`);

    // Flood control across instances: the load database turns it off, this part turns it on.
    await db.setting.update({ where: { key: "commentIntervalSeconds" }, data: { value: "60" } });
    // The reader's comment above is older than the interval by then; the settings cached for a
    // few seconds on each instance have expired.
    await db.comment.updateMany({ where: { authorId: reader.id }, data: { createdAt: new Date(Date.now() - 120_000) } });
    await sleep(5_500);
    const floodKeysBefore = await db.comment.count({ where: { authorId: reader.id } });
    const pair = await Promise.all([submitComment(a.url, readerOnA, post.id, terms.version, submitId, post.slug), submitComment(b.url, readerOnB, post.id, terms.version, submitId, post.slug)]);
    const floodStored = (await db.comment.count({ where: { authorId: reader.id } })) - floodKeysBefore;
    if (floodStored !== 1) problems.push(`one reader submitting through A and B at once had ${floodStored} comments stored (flood control allows 1)`);
    if (pair.filter((submission) => submission.acknowledged).length !== 1) problems.push("not exactly one of the two submissions was acknowledged");

    // Three wrong passwords through A and two through B, from one address: locked on both.
    const address = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const target = (await db.user.create({ data: { email: `target-${tag}@example.com`, name: "Target", passwordHash } })).email;
    for (const url of [a.url, a.url, a.url, b.url, b.url]) await trySignIn(url, target, { password: "not the password", address });
    const lockedOnA = (await trySignIn(a.url, target, { address })) === null;
    const lockedOnB = (await trySignIn(b.url, target, { address })) === null;
    if (!lockedOnA || !lockedOnB) problems.push(`five failed sign-ins split between A and B did not lock the account on ${!lockedOnA ? "A" : "B"}`);

    return { figures: { "heard on B": heard ? "yes" : "no", "sign-in locked on both": String(lockedOnA && lockedOnB), "approve on A → visible on B (ms)": visibleAfterMs, "flood pair stored": floodStored }, problems };
  } finally {
    await stop();
  }
}
