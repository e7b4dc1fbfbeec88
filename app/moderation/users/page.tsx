import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requirePageRole } from "@/app/_lib/auth/require";
import { stripControl } from "@/app/_lib/schemas/text";
import { formatLongDate } from "@/app/_lib/format";
import { findUsers } from "@/app/_lib/moderation/users";
import { standingLabel } from "./standing-label";
import { DataTable } from "@/app/_components/data-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const viewer = await requirePageRole("MODERATOR", "/moderation/users");
  await connection();
  const q = stripControl((await searchParams).q ?? "").slice(0, 200);
  const users = await findUsers(viewer, q);
  return (
    <>
      <h1>Users</h1>
      <form method="get" className="filters" role="search" aria-label="Find a user">
        <div className="field">
          <label htmlFor="user-q">Name or email</label>
          <input id="user-q" name="q" type="search" defaultValue={q} />
        </div>
        <button type="submit" className="button">
          Find
        </button>
      </form>
      {users.length === 0 ? (
        <p>No users match.</p>
      ) : (
        <DataTable caption="Users" columns={["Name", "Email", "Role", "Standing", "Joined"]}>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                <Link prefetch={false} href={`/moderation/users/${user.id}`}>{user.name}</Link>
              </td>
              <td>{user.email}</td>
              <td>{user.role.toLowerCase()}</td>
              <td>{standingLabel(user)}</td>
              <td>{formatLongDate(user.createdAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
