import type { Viewer } from "@/app/_lib/auth/viewer";
import type { Database } from "@/app/_lib/db/client";
import { randomBytes } from "node:crypto";
import { viewerSelect } from "@/app/_lib/auth/viewer-select";

/** A user in the test database, returned as the app's Viewer. */
export async function makeViewer(db: Database, overrides: Partial<Omit<Viewer, "id" | "createdAt">> = {}): Promise<Viewer> {
  const id = randomBytes(4).toString("hex");
  const { twoFactorOn = false, mustSetUpTwoFactor = false, ...columns } = overrides;
  const user = await db.user.create({
    data: { name: `User ${id}`, email: `user-${id}@example.com`, role: "READER", status: "ACTIVE", ...columns },
    select: viewerSelect,
  });
  return { ...user, twoFactorOn, mustSetUpTwoFactor };
}
