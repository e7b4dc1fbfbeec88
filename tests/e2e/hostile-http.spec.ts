import { randomUUID } from "node:crypto";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { COMMENT_BODIES } from "../support/hostile-inputs";
import { actionId, callFormAction } from "./support/actions";
import { createPost, db } from "./support/db";
import { createUser, signIn } from "./support/users";

const COMMENTS = "app/_lib/actions/comments.ts";

test("hostile comment bodies over HTTP: every answer is a refusal or a stored comment, never a 5xx", async ({ page, baseURL }) => {
  test.slow();
  const post = await createPost();
  const reader = await createUser();
  await signIn(page, reader);
  const terms = await db.termsVersion.findFirstOrThrow({ where: { effectiveAt: { lte: new Date() } }, orderBy: { version: "desc" } });
  const statuses: number[] = [];
  let acknowledged = 0;
  for (const body of COMMENT_BODIES) {
    const response = await callFormAction(page.request, baseURL!, COMMENTS, "submitComment", {
      postId: post.id,
      body,
      acceptTerms: "on",
      termsVersion: String(terms.version),
      submissionKey: randomUUID(),
    });
    statuses.push(response.status());
    const text = await response.text();
    if (text.includes('"status":"success"')) {
      acknowledged += 1;
      // Flood control applies to the next one; clear this reader's last comment time.
      await db.comment.updateMany({ where: { authorId: reader.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    }
  }
  expect(statuses.filter((status) => status >= 500)).toEqual([]);
  expect(await db.comment.count({ where: { postId: post.id } })).toBe(acknowledged);
  expect(acknowledged).toBeGreaterThan(10);
});

test("malformed, oversized, wrongly typed and cross-origin action requests are refused with 4xx", async ({ page, baseURL }) => {
  const reader = await createUser();
  await signIn(page, reader);
  const { id, page: path } = actionId(COMMENTS, "submitComment");
  const post = (headers: Record<string, string>, data: string | Buffer) => page.request.post(path, { headers: { "Next-Action": id, Origin: baseURL!, ...headers }, data });
  const before = await db.comment.count({ where: { authorId: reader.id } });
  const cases: [string, Promise<{ status(): number }>][] = [
    ["garbage text", post({ "Content-Type": "text/plain;charset=UTF-8" }, "not json")],
    ["invalid UTF-8", post({ "Content-Type": "text/plain;charset=UTF-8" }, Buffer.from([0xff, 0xfe, 0xfd, 0x5b, 0x5d]))],
    ["wrong argument types", post({ "Content-Type": "text/plain;charset=UTF-8" }, "[1, 2]")],
    ["null arguments", post({ "Content-Type": "text/plain;charset=UTF-8" }, "[null, null]")],
    ["broken multipart", post({ "Content-Type": "multipart/form-data; boundary=xyz" }, "--xyz garbage")],
    ["over the body limit", post({ "Content-Type": "text/plain;charset=UTF-8" }, JSON.stringify(["x".repeat(1_100_000)]))],
    ["foreign origin", page.request.post(path, { headers: { "Next-Action": id, Origin: "https://evil.example", "Content-Type": "text/plain;charset=UTF-8" }, data: "[]" })],
    ["unknown action", page.request.post(path, { headers: { "Next-Action": "f".repeat(42), Origin: baseURL!, "Content-Type": "text/plain;charset=UTF-8" }, data: "[]" })],
  ];
  for (const [name, request] of cases) {
    const status = (await request).status();
    expect(status, name).toBeLessThan(500);
  }
  expect(await db.comment.count({ where: { authorId: reader.id } })).toBe(before);
});

test("hostile addresses and query strings get pages or 404s, never a 5xx", async ({ page }) => {
  const moderator = await createUser({ role: "MODERATOR" });
  await signIn(page, moderator);
  const nasty = ["%00", "%FF%FE", "%E2%80%AE", "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "x".repeat(3000), "'%20OR%201=1--"];
  const paths = nasty.flatMap((value) => [
    `/posts/${value}`,
    `/terms/${value}`,
    `/moderation?tab=${value}&post=${value}&author=${value}&q=${value}&cursor=${value}`,
    `/moderation/log?moderator=${value}&action=${value}&post=${value}&cursor=${value}`,
    `/moderation/users?q=${value}`,
    `/moderation/users/${value}`,
    `/moderation/posts/${value}`,
    `/login?callbackUrl=${value}`,
    `/api/moderation/pending?since=${value}`,
  ]);
  const failures: string[] = [];
  for (const path of paths) {
    const response = await page.request.get(path);
    if (response.status() >= 500) failures.push(`${response.status()} ${path.slice(0, 80)}`);
  }
  expect(failures).toEqual([]);
});

/** Sends a request line as written (no client normalises it) and reads the status of the answer. */
function rawStatus(baseURL: string, target: string): Promise<number | null> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(`GET ${target} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`));
    let answer = "";
    socket.setTimeout(10_000, () => {
      socket.destroy();
      resolve(null);
    });
    socket.on("data", (chunk) => {
      answer += String(chunk);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status) {
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on("error", () => resolve(null));
  });
}

test("a visitor's request for an address no URL can be made of is answered, not left hanging", async ({ baseURL }) => {
  const targets = ["//[", "//x:99999/", "/\\[", "//%5B", "//posts/[x"];
  const answers = await Promise.all(targets.map(async (target) => [target, await rawStatus(baseURL!, target)] as const));
  for (const [target, status] of answers) {
    expect(status, target).not.toBeNull();
    expect(status!, target).toBeLessThan(500);
  }
});
