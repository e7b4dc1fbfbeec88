import type { Metadata } from "next";
import { connection } from "next/server";
import { requirePageRole } from "@/app/_lib/auth/require";
import { loadSettings } from "@/app/_lib/settings";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Moderation settings" };

export default async function SettingsPage() {
  await connection();
  await requirePageRole("ADMIN", "/moderation/settings");
  return (
    <>
      <h1>Moderation settings</h1>
      <SettingsForm settings={await loadSettings()} />
    </>
  );
}
