/**
 * A rolling restart under load, through nginx with the shipped configuration: readers keep
 * submitting comments and visitors keep reading while each of two instances in turn is stopped
 * (SIGTERM) and started again. No acknowledged comment may be lost and no answer may be a 5xx
 * or a failed connection: nginx sends what a draining instance refuses to the other one.
 */
import { randomBytes } from "node:crypto";
import { hashPassword } from "../../app/_lib/auth/password";
import { actionId, freePort, PASSWORD, signIn, submitComment, type Submission } from "./harness";
import { startNginx } from "./nginx";
import { startTwoInstances, type ScenarioOutcome } from "./two-instances";

export async function rollingRestartScenario(readerCount: number): Promise<ScenarioOutcome> {
  const instances = await startTwoInstances("rolling");
  const { db } = instances;
  const nginx = await startNginx(await freePort(), [instances.a, instances.b].map((server) => Number(new URL(server.url).port)));
  try {
    const passwordHash = await hashPassword(PASSWORD);
    const tag = randomBytes(3).toString("hex");
    const emails = Array.from({ length: readerCount }, (_, index) => `rolling-${tag}-${index}@example.com`);
    await db.user.createMany({ data: emails.map((email, index) => ({ email, name: `Rolling Reader ${index}`, passwordHash })) });
    const cookies = await Promise.all(emails.map((email) => signIn(nginx.url, email)));
    const post = await db.post.findFirstOrThrow({ select: { id: true, slug: true } });
    const terms = await db.termsVersion.findFirstOrThrow({ orderBy: { version: "desc" }, select: { version: true } });
    const submitId = actionId("submitComment");

    let restarting = true;
    const submissions: Submission[] = [];
    const pageStatuses: (number | "network error")[] = [];
    const writer = async (cookie: string) => {
      while (restarting) submissions.push(await submitComment(nginx.url, cookie, post.id, terms.version, submitId, post.slug));
    };
    const visitor = async () => {
      while (restarting) pageStatuses.push(await fetch(`${nginx.url}/posts/${post.slug}`).then((response) => response.arrayBuffer().then(() => response.status), () => "network error" as const));
    };
    const load = Promise.all([...cookies.map(writer), visitor(), visitor()]);
    const started = Date.now();
    await instances.restart("a");
    await instances.restart("b");
    restarting = false;
    await load;
    const seconds = (Date.now() - started) / 1000;

    const stored = new Set((await db.comment.findMany({ where: { submissionKey: { in: submissions.map((submission) => submission.key) } }, select: { submissionKey: true } })).map((row) => row.submissionKey));
    const acknowledged = submissions.filter((submission) => submission.acknowledged);
    const lost = acknowledged.filter((submission) => !stored.has(submission.key)).length;
    const failed = [...submissions.map((submission) => submission.status), ...pageStatuses].filter((status) => status === "network error" || status >= 500).length;
    // nginx's own log names a link's path, never the token in its query.
    const linkToken = `link-token-${randomBytes(6).toString("hex")}`;
    await fetch(`${nginx.url}/unsubscribe?token=${linkToken}`).then((response) => response.arrayBuffer());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const accessLog = nginx.accessLog();
    const tokenLogged = accessLog.includes(linkToken) || !accessLog.includes("/unsubscribe");
    const refused = submissions.filter((submission) => !submission.acknowledged && submission.status === 200).length;
    return {
      figures: { "token in nginx's log": String(accessLog.includes(linkToken)), submissions: submissions.length, acknowledged: acknowledged.length, lost, "page reads": pageStatuses.length, "5xx or failed": failed, "refused with a message": refused, seconds: seconds.toFixed(1) },
      problems: [
        ...(lost ? [`${lost} acknowledged submissions were lost`] : []),
        ...(failed ? [`${failed} answers were 5xx or failed connections (${[...new Set([...submissions.map((submission) => `POST ${submission.status}`), ...pageStatuses.map((status) => `GET ${status}`)].filter((label) => /network|\b5\d\d\b/.test(label)))].join(", ")})`] : []),
        ...(acknowledged.length === 0 ? ["no submission was acknowledged"] : []),
        ...(tokenLogged ? ["nginx's access log holds a link's token (or no line for it)"] : []),
      ],
    };
  } finally {
    await nginx.stop();
    await instances.stop();
  }
}
