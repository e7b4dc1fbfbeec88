import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";

type Manifest = { node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }> };

/** The id Next gave a server action in this build, found in its server reference manifest. */
export function actionId(file: string, exportedName: string): { id: string; page: string } {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as Manifest;
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename === file && entry.exportedName === exportedName) {
      const worker = Object.keys(entry.workers)[0] ?? "app/page";
      return { id, page: `/${worker.replace(/^app\//, "").replace(/\/?page$/, "")}` };
    }
  }
  throw new Error(`No server action ${exportedName} in ${file}`);
}

/** Calls a server action the way any HTTP client could, with plain JSON arguments. */
export async function callAction(request: APIRequestContext, baseURL: string, file: string, exportedName: string, args: unknown[]) {
  const { id, page } = actionId(file, exportedName);
  return request.post(page, {
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Origin: baseURL, Accept: "text/x-component" },
    data: JSON.stringify(args),
  });
}

/**
 * Calls a form action (one used with useActionState) the way React sends it: the arguments as
 * `[previousState, $K1]` and the form's fields prefixed with `_1_`.
 */
export async function callFormAction(request: APIRequestContext, baseURL: string, file: string, exportedName: string, fields: Record<string, string>) {
  const { id, page } = actionId(file, exportedName);
  // A FormData keeps this order (an object would put the key "0" first): React writes the root part
  // last, and the server resolves "$K1" from the parts it has already read.
  const multipart = new FormData();
  for (const [key, value] of Object.entries(fields)) multipart.append(`_1_${key}`, value);
  multipart.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  return request.post(page, { headers: { "Next-Action": id, Origin: baseURL, Accept: "text/x-component" }, multipart });
}

/**
 * The signed form timestamp the post page draws for the signed-in reader, read from the page as a
 * script would: a submission without one is filed as a bot's.
 */
export async function commentFormToken(page: Page, slug: string): Promise<string> {
  const html = await (await page.request.get(`/posts/${slug}`)).text();
  const token = /name="formToken" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`The page of ${slug} drew no comment form`);
  return token;
}
