import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/app/_lib/auth/password";
import { runUsersCommand } from "@/scripts/users";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
const previousUrl = process.env.DATABASE_URL;
beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.target.url;
});
afterAll(async () => {
  process.env.DATABASE_URL = previousUrl;
  await database.drop();
});

describe("the users command-line tool", () => {
  it("creates a user with a hashed password and the role asked for", async () => {
    expect(await runUsersCommand(["create", "--email", "Mod@Example.com", "--password", "long enough pass", "--name", "Mo Derator", "--role", "moderator"])).toBe(
      "Created moderator Mo Derator <mod@example.com>.",
    );
    const user = await database.db.user.findUniqueOrThrow({ where: { email: "mod@example.com" } });
    expect(user.role).toBe("MODERATOR");
    expect(await verifyPassword(user.passwordHash, "long enough pass")).toBe(true);
  });

  it("changes a role and logs it", async () => {
    await runUsersCommand(["create", "--email", "r@example.com", "--password", "long enough pass", "--name", "R"]);
    expect(await runUsersCommand(["role", "--email", "r@example.com", "--role", "admin"])).toBe("r@example.com is now admin.");
    const user = await database.db.user.findUniqueOrThrow({ where: { email: "r@example.com" } });
    expect(user.role).toBe("ADMIN");
    expect(await database.db.moderationEvent.count({ where: { subjectUserId: user.id, action: "ROLE_CHANGE" } })).toBe(1);
  });

  it("refuses bad input with a clear message and changes nothing", async () => {
    const before = await database.db.user.count();
    await expect(runUsersCommand(["create", "--email", "bad", "--password", "short", "--name", ""])).rejects.toThrow(/--email: Enter a valid email[\s\S]*--password: Use at least 8/);
    await expect(runUsersCommand(["create", "--email", "x@example.com", "--password", "long enough pass", "--name", "X", "--role", "superuser"])).rejects.toThrow(
      "--role: Role must be reader, moderator or admin.",
    );
    await expect(runUsersCommand(["role", "--email", "nobody@example.com", "--role", "admin"])).rejects.toThrow("No user has the email nobody@example.com.");
    await expect(runUsersCommand(["delete", "--email", "x@example.com"])).rejects.toThrow('Unknown command "delete".');
    await expect(runUsersCommand(["create", "--bogus"])).rejects.toThrow(/Unknown option/);
    await expect(runUsersCommand(["create", "--email", "eve@example.com", "--password", "long enough pass", "--name", "Eve <script>"])).rejects.toThrow("--name: A name cannot contain < or >.");
    await expect(runUsersCommand(["create", "--email", "eve@example.com", "--password", "long enough pass", "--name", "Ad\u00ADmin"])).rejects.toThrow("--name: A name cannot contain invisible characters");
    await expect(runUsersCommand(["create", "--email", "eve@example.com", "--password", "long enough pass", "--name", "\u0410dmin"])).rejects.toThrow("--name: A name cannot mix Latin letters with letters of another alphabet");
    await runUsersCommand(["create", "--email", "dup@example.com", "--password", "long enough pass", "--name", "D"]);
    await expect(runUsersCommand(["create", "--email", "DUP@example.com", "--password", "long enough pass", "--name", "D2"])).rejects.toThrow("already exists");
    expect(await database.db.user.count()).toBe(before + 1);
  });
});
