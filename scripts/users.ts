/**
 * Creates users and sets roles, on whichever database DATABASE_URL names.
 *   npm run users:create -- --email a@example.com --password '…' --name 'A Name' [--role moderator]
 *   npm run users:role -- --email a@example.com --role admin
 * Bad input is refused with a message and a non-zero exit.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import nextEnv from "@next/env";
import { createDatabase } from "../app/_lib/db/client";
import { emailField, nameField, passwordField, roleField } from "../app/_lib/schemas/account";
import { insertUser } from "../app/_lib/users/insert-user";
import { migrate } from "../prisma/migrate";

const USAGE = `Usage:
  npm run users:create -- --email <email> --password <password> --name <name> [--role reader|moderator|admin]
  npm run users:role -- --email <email> --role reader|moderator|admin`;

class UsageError extends Error {}

const role = z.preprocess((value) => (typeof value === "string" ? value.toUpperCase() : value), roleField);
const createArgs = z.object({ email: emailField, password: passwordField, name: nameField, role: role.default("READER") });
const roleArgs = z.object({ email: emailField, role });

function parse<T>(schema: z.ZodType<T>, values: unknown): T {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("\n"));
  }
  return parsed.data;
}

export async function runUsersCommand(argv: string[]): Promise<string> {
  const [command, ...rest] = argv;
  let options: Record<string, string | boolean | undefined>;
  try {
    options = parseArgs({
      args: rest,
      options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (command !== "create" && command !== "role") throw new UsageError(`Unknown command "${command ?? ""}".`);

  const db = createDatabase();
  try {
    await migrate();
    if (command === "create") {
      const input = parse(createArgs, options);
      const result = await insertUser(db, { ...input, verified: true });
      if (!result.ok) throw new UsageError(`A user with the email ${input.email} already exists. Use users:role to change their role.`);
      return `Created ${result.user.role.toLowerCase()} ${result.user.name} <${result.user.email}>.`;
    }
    const input = parse(roleArgs, options);
    const updated = await db.user.updateMany({ where: { email: input.email }, data: { role: input.role } });
    if (updated.count === 0) throw new UsageError(`No user has the email ${input.email}.`);
    await db.moderationEvent.create({
      data: { action: "ROLE_CHANGE", subjectUserId: (await db.user.findUniqueOrThrow({ where: { email: input.email } })).id, reason: "Set from the command line", detail: JSON.stringify({ role: input.role }) },
    });
    return `${input.email} is now ${input.role.toLowerCase()}.`;
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  nextEnv.loadEnvConfig(process.cwd());
  runUsersCommand(process.argv.slice(2)).then(
    (message) => console.log(message),
    (error: Error) => {
      console.error(error instanceof UsageError ? `${error.message}\n\n${USAGE}` : `Error: ${error.message}`);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
