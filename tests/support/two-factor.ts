import { generate } from "otplib";
import type { Database } from "@/app/_lib/db/client";
import { openSecret } from "@/app/_lib/two-factor/secret-box";

/** The secret of a user's two-factor row, unsealed the way the app does it. */
export async function storedSecret(db: Database, userId: string): Promise<string> {
  const row = await db.twoFactor.findUniqueOrThrow({ where: { userId } });
  const secret = openSecret(row.secretBox);
  if (!secret) throw new Error("The stored secret could not be opened.");
  return secret;
}

/** The code an authenticator app with that secret shows at `at`. */
export async function currentCode(db: Database, userId: string, at = new Date()): Promise<string> {
  return generate({ secret: await storedSecret(db, userId), epoch: Math.floor(at.getTime() / 1000) });
}
