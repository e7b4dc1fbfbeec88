import "server-only";
import { AkismetClient } from "akismet-api";
import { siteUrl } from "@/app/_lib/site-url";

/** What Akismet is told of a comment. */
export type AkismetComment = { content: string; authorName: string; authorEmail: string | null; address: string; userAgent: string; permalink: string };

/** Akismet is asked while the reader waits: past this, the comment is stored without its answer. */
const DEFAULT_TIMEOUT_MS = 2_000;

function timeoutMs(): number {
  const configured = Number(process.env.AKISMET_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? Math.min(configured, 30_000) : DEFAULT_TIMEOUT_MS;
}

/** The client when AKISMET_KEY is set; AKISMET_URL points it at an Akismet-compatible service (or a test's). */
function akismet(): AkismetClient | null {
  const key = process.env.AKISMET_KEY;
  if (!key) return null;
  const client = new AkismetClient({ key, blog: siteUrl(), userAgent: "Vetted | akismet-api/6" });
  // akismet-api builds its address as https://<key>.rest.akismet.com/1.1/ and offers no option for
  // another; its requests read this property.
  const endpoint = process.env.AKISMET_URL;
  if (endpoint) (client as unknown as { endpoint: string }).endpoint = endpoint.endsWith("/") ? endpoint : `${endpoint}/`;
  return client;
}

export const akismetConfigured = (): boolean => Boolean(process.env.AKISMET_KEY);

function fields(comment: AkismetComment) {
  return {
    user_ip: comment.address,
    user_agent: comment.userAgent,
    comment_type: "comment",
    comment_author: comment.authorName,
    ...(comment.authorEmail ? { comment_author_email: comment.authorEmail } : {}),
    comment_content: comment.content,
    permalink: comment.permalink,
  };
}

/** Settles within `ms` whatever the promise does; `undefined` when it took longer. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Akismet's verdict: true for spam, false for not, null when it is not configured, failed or did
 * not answer in time (the comment then goes on as if Akismet were not there).
 */
export async function akismetSaysSpam(comment: AkismetComment): Promise<boolean | null> {
  const client = akismet();
  if (!client) return null;
  try {
    const verdict = await within(client.checkSpam(fields(comment)), timeoutMs());
    if (verdict === undefined) console.error("Akismet did not answer in time; the comment goes on without its verdict.");
    return verdict ?? null;
  } catch (error) {
    console.error("Akismet could not check a comment; it goes on without its verdict.", error instanceof Error ? error.message : error);
    return null;
  }
}

/** Tells Akismet a moderator's decision: this was spam, or (taken out of Spam) it was not. */
export async function reportToAkismet(kind: "spam" | "ham", comment: AkismetComment): Promise<boolean> {
  const client = akismet();
  if (!client) return false;
  try {
    const sent = await within((kind === "spam" ? client.submitSpam(fields(comment)) : client.submitHam(fields(comment))).then(() => true), timeoutMs());
    return sent === true;
  } catch (error) {
    console.error(`Akismet was not told of a moderator's ${kind} decision.`, error instanceof Error ? error.message : error);
    return false;
  }
}
