import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveDatabase, UnsupportedDatabaseUrlError } from "@/app/_lib/db/url";

const root = "/srv/vetted";

describe("choosing the database from DATABASE_URL", () => {
  it("uses an SQLite file inside the project when DATABASE_URL is unset or empty", () => {
    for (const url of [undefined, "", "   "]) {
      expect(resolveDatabase(url, root)).toEqual({
        provider: "sqlite",
        file: path.join(root, "data", "vetted.db"),
        url: `file:${path.join(root, "data", "vetted.db")}`,
      });
    }
  });

  it("resolves relative and absolute file: URLs", () => {
    expect(resolveDatabase("file:./tmp/a.db", root)).toMatchObject({ provider: "sqlite", file: "/srv/vetted/tmp/a.db" });
    expect(resolveDatabase("file:/var/lib/vetted.db", root)).toMatchObject({ provider: "sqlite", file: "/var/lib/vetted.db" });
    expect(resolveDatabase("file:///var/lib/vetted.db", root)).toMatchObject({ provider: "sqlite", file: "/var/lib/vetted.db" });
  });

  it("uses PostgreSQL for postgres:// and postgresql:// URLs, unchanged", () => {
    for (const url of ["postgres://u@db:5432/x", "postgresql://postgres@127.0.0.1:5432/test?sslmode=disable"]) {
      expect(resolveDatabase(url, root)).toEqual({ provider: "postgresql", url });
    }
  });

  it("refuses other schemes with a message naming the scheme and the supported ones", () => {
    for (const url of ["mysql://root@localhost/test", "sqlserver://x", "mongodb+srv://a", "vetted.db"]) {
      expect(() => resolveDatabase(url, root)).toThrow(UnsupportedDatabaseUrlError);
    }
    expect(() => resolveDatabase("mysql://root@localhost/test", root)).toThrow(
      'DATABASE_URL uses an unsupported scheme "mysql:". Use file:<path> for SQLite or postgresql://user@host:port/database for PostgreSQL.',
    );
  });

  it("refuses a file: URL without a path or with query options it would ignore", () => {
    expect(() => resolveDatabase("file:", root)).toThrow(UnsupportedDatabaseUrlError);
    expect(() => resolveDatabase("file:./a.db?mode=memory", root)).toThrow(UnsupportedDatabaseUrlError);
  });
});
