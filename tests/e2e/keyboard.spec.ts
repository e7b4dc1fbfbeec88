import { expect, test, type Locator, type Page } from "@playwright/test";
import { createPost, db } from "./support/db";
import { createUser, PASSWORD } from "./support/users";

/** Presses Tab until the element has focus, as a keyboard user would, and checks focus is visible. */
async function tabTo(page: Page, target: Locator, limit = 60) {
  const handle = await target.elementHandle();
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((element) => document.activeElement === element, handle)) {
      const outline = await target.evaluate((element) => getComputedStyle(element).outlineStyle);
      expect(outline, "focus is visible").not.toBe("none");
      return;
    }
  }
  throw new Error(`Tab never reached ${target}`);
}

async function signInByKeyboard(page: Page, user: { email: string; name: string }, returnTo: string) {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(user.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByText(`Signed in as ${user.name}`)).toBeVisible();
}

test("keyboard only: the skip link, signing in, commenting with the terms, and a moderator approving", async ({ page, browser }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });

  // The first Tab reaches the skip link, which moves focus to the content.
  await page.goto(`/posts/${post.slug}`);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();

  await signInByKeyboard(page, reader, `/posts/${post.slug}`);
  await expect(page).toHaveURL(new RegExp(`/posts/${post.slug}$`));
  const form = page.getByRole("region", { name: "Leave a Reply" });
  await tabTo(page, form.getByLabel("Comment", { exact: true }));
  await page.keyboard.type("Typed without a mouse.");
  await tabTo(page, form.getByLabel("I have read and agree to the Terms and Conditions"));
  await page.keyboard.press("Space");
  await expect(form.getByLabel("I have read and agree to the Terms and Conditions")).toBeChecked();
  await tabTo(page, form.getByRole("button", { name: "Post Comment" }));
  await page.keyboard.press("Enter");
  await expect(form.getByText("Thank you. Your comment is awaiting moderation.")).toBeVisible();
  const stored = await db.comment.findFirstOrThrow({ where: { postId: post.id, authorId: reader.id } });
  expect(stored).toMatchObject({ body: "Typed without a mouse.", status: "PENDING" });

  const moderating = await browser.newContext();
  const moderatorPage = await moderating.newPage();
  await signInByKeyboard(moderatorPage, moderator, `/moderation?post=${post.slug}`);
  const item = moderatorPage.getByRole("article", { name: `Comment by ${reader.name} on ${post.title}` });
  await expect(item).toContainText("Typed without a mouse.");
  await tabTo(moderatorPage, item.getByRole("button", { name: "Approve" }), 120);
  await moderatorPage.keyboard.press("Enter");
  await expect(moderatorPage.getByRole("status").filter({ hasText: "Approved" })).toContainText(`Approved: comment by ${reader.name}.`);
  await moderating.close();
  expect((await db.comment.findUniqueOrThrow({ where: { id: stored.id } })).status).toBe("APPROVED");

  await page.reload();
  await expect(page.getByRole("article", { name: `Comment by ${reader.name}` })).toContainText("Typed without a mouse.");
});
