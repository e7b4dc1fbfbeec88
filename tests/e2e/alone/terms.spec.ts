import { expect, test } from "@playwright/test";
import { createPost, db } from "../support/db";
import { createUser, signIn } from "../support/users";



test("an admin publishes a new version; the old one stays readable and comments record the new one", async ({ page }) => {
  const before = await db.termsVersion.findFirstOrThrow({ orderBy: { version: "desc" } });
  const admin = await createUser({ role: "ADMIN" });
  await signIn(page, admin, "/terms/edit");

  await page.getByLabel("Text of the terms (Markdown)").fill("Too short.");
  await page.getByRole("button", { name: "Publish new version" }).click();
  await expect(page.getByLabel("Text of the terms (Markdown)")).toHaveAccessibleDescription("The terms need at least 200 characters.");

  const newText = `## Updated terms\n\n${"Be kind, cite sources, and never give personal medical advice. ".repeat(5)}`;
  await page.getByLabel("Text of the terms (Markdown)").fill(newText);
  await page.getByRole("button", { name: "Publish new version" }).click();
  const next = before.version + 1;
  await expect(page.getByText(`Version ${next} published.`)).toBeVisible();

  await page.goto("/terms");
  await expect(page.getByText(new RegExp(`^Version ${next}, effective `))).toBeVisible();
  await expect(page.getByRole("heading", { name: "Updated terms" })).toBeVisible();
  await page.getByRole("link", { name: new RegExp(`^Version ${before.version}, effective`) }).click();
  await expect(page).toHaveURL(new RegExp(`/terms/${before.version}$`));
  await expect(page.getByText("This is an earlier version.")).toBeVisible();

  const post = await createPost();
  const reader = await createUser();
  await signIn(page, reader, `/posts/${post.slug}`);
  const terms = page.getByLabel("I have read and agree to the Terms and Conditions");
  await expect(terms).toHaveAccessibleName(new RegExp(`\\(version ${next}\\)`));
});
