import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { siteSecret } from "@/app/_lib/auth/site-secret";

/**
 * Authenticator secrets are kept sealed with AES-256-GCM under a key derived from the site
 * secret, so a leaked database (or backup) makes no codes without the deployment's secret too.
 * Changing NEXTAUTH_SECRET makes the stored secrets unreadable: two-factor then has to be set up
 * again (recovery codes, which are only hashes, still work).
 */
const key = () => createHash("sha256").update(`two-factor-secret:${siteSecret("encrypt two-factor secrets")}`).digest();

const VERSION = "v1";

export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), sealed.toString("base64url")].join(".");
}

/** The secret, or null for a box sealed under another key (or tampered with). */
export function openSecret(box: string): string | null {
  const [version, iv, tag, sealed, ...rest] = box.split(".");
  if (version !== VERSION || !iv || !tag || !sealed || rest.length) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
