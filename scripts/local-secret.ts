import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { ensurePrivateFile } from "../app/_lib/private-file";

/**
 * `npm start` on a fresh clone: generates the session secret (NEXTAUTH_SECRET) into the local env
 * file when none is configured. Whoever can read that file can forge any session, so the file is
 * created readable by its owner only, and one left readable by others (by an older version, or by
 * a copy) is narrowed to that whether or not a secret is generated now.
 */
export function prepareLocalSecret(envFile: string, env: { NEXTAUTH_SECRET?: string } = process.env): { generated: boolean; narrowed: boolean } {
  const needsSecret = !env.NEXTAUTH_SECRET;
  const { narrowed } = needsSecret || existsSync(envFile) ? makePrivate(envFile) : { narrowed: false };
  if (!needsSecret) return { generated: false, narrowed };
  const secret = randomBytes(32).toString("base64url");
  const existing = readFileSync(envFile, "utf8");
  const separator = existing && !existing.endsWith("\n") ? "\n" : "";
  appendFileSync(envFile, `${separator}# Generated on first run; keep it private. Set NEXTAUTH_SECRET in production.\nNEXTAUTH_SECRET=${secret}\n`);
  env.NEXTAUTH_SECRET = secret;
  return { generated: true, narrowed };
}

function makePrivate(envFile: string) {
  try {
    return ensurePrivateFile(envFile);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(`${envFile} holds the session secret and could not be made readable by its owner only (${reason}). Run: chmod 600 ${envFile}`);
  }
}
