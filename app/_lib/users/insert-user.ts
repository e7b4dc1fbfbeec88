import type { Database } from "@/app/_lib/db/client";
import { isUniqueViolation } from "@/app/_lib/db/errors";
import { hashPassword } from "@/app/_lib/auth/password";
import type { Role } from "@/app/_lib/auth/roles";
import type { RegisterInput } from "@/app/_lib/schemas/account";

export type InsertUserResult = { ok: true; user: { id: string; name: string; email: string; role: Role } } | { ok: false; reason: "email-taken" };

/**
 * Creates an account with a hashed password. Shared by registration and the users CLI; an
 * account an administrator makes from the command line (`verified`) needs no emailed link.
 */
export async function insertUser(db: Database, input: RegisterInput & { role?: Role; verified?: boolean }): Promise<InsertUserResult> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: { name: input.name, email: input.email, passwordHash, role: input.role ?? "READER", emailVerified: input.verified ? new Date() : null },
      select: { id: true, name: true, email: true, role: true },
    });
    return { ok: true, user };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "email-taken" };
    throw error;
  }
}
