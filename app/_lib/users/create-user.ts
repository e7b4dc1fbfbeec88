import "server-only";
import { db } from "@/app/_lib/db";
import type { Role } from "@/app/_lib/auth/roles";
import type { RegisterInput } from "@/app/_lib/schemas/account";
import { insertUser, type InsertUserResult } from "./insert-user";

export function createUser(input: RegisterInput & { role?: Role }): Promise<InsertUserResult> {
  return insertUser(db, input);
}
