import { expect, test } from "@playwright/test";
import { createPost, db, uniqueId } from "./support/db";
import { createUser, signIn } from "./support/users";

const SLUG = "/posts/mri-in-follow-up-of-sciatica";
// The source text has a no-break space before "Sciatica"; the page keeps it, word for word.
const TITLE = "MRI in Follow-up of\u00a0Sciatica";

test("the first post reads as the journal published it", async ({ page }) => {
  await page.goto(SLUG);

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page).toHaveTitle(/MRI in Follow-up of.Sciatica/);
  const byline = page.getByText("Posted by Sara Fazio");
  await expect(byline).toContainText("March 15th, 2013");
  await expect(byline.locator("time")).toHaveAttribute("datetime", "2013-03-15");

  const article = page.getByRole("article").first();
  await expect(article.getByText(/^In patients with symptomatic lumbar disk herniation treated with surgery/)).toBeVisible();
  await expect(article.getByText(/^Magnetic resonance imaging \(MRI\) is frequently performed/)).toBeVisible();

  await expect(page.getByRole("heading", { level: 2, name: "Clinical Pearls" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "What is the natural history of sciatica?" })).toBeVisible();
  await expect(page.getByText(/^Sciatica is a relatively common condition with a lifetime incidence of 13 to 40%\./)).toBeVisible();
  await expect(
    page.getByRole("heading", {
      level: 3,
      name: "What was the association between the findings on MRI and the clinical outcome in patients being followed over time for sciatica?",
    }),
  ).toBeVisible();
  await expect(page.getByRole("figure", { name: "Table 3. MRI Findings According to Outcome at 1 Year." })).toBeVisible();

  await expect(page.getByRole("heading", { level: 2, name: "Morning Report Questions" })).toBeVisible();
  await expect(page.getByText("Q: What were the study results concerning nerve-root compression?")).toBeVisible();
  await expect(page.getByText(/^A: Nerve-root compression was observed .* \(39% vs\. 16%, P<0\.001\)\./)).toBeVisible();
  await expect(page.getByText("Q: How should one interpret scar formation on MRI?")).toBeVisible();
  await expect(page.getByText(/^A: The postoperative formation of epidural scars is a common phenomenon/)).toBeVisible();

  const responses = page.getByRole("region", { name: `3 Responses to “${TITLE}”` });
  await expect(responses.getByRole("heading", { level: 2 })).toHaveText(`3 Responses to “${TITLE}”`);
  const items = responses.getByRole("list").first().getByRole("listitem");
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText("Alexandros Zachos says:");
  await expect(items.nth(0)).toContainText(
    "There are studies which proves changes (MRI) of the Hydration of the lumbar disk. The treatment with interspinous spacer can change the MRI one year after",
  );
  await expect(items.nth(1)).toContainText("Dr Sanjiv Desai says:");
  await expect(items.nth(1)).toContainText("Conservative management for pain should suffice.");
  await expect(items.nth(1)).toContainText("A proper sensory-motor deficit is only likely to relieve the problem post surgery.");
  await expect(items.nth(2)).toContainText("Steve Lockhart says:");
  await expect(items.nth(2)).toContainText("muscle imbalances not supporting the spine correctly and applying pressure to the spine.");

  const reply = page.getByRole("region", { name: "Leave a Reply" });
  await expect(reply.getByRole("heading", { level: 2 })).toHaveText("Leave a Reply");
  await expect(reply.getByText("Please note: Comment moderation is enabled and may delay your comment. There is no need to resubmit your comment.")).toBeVisible();
  await expect(reply.getByText("Submitting a comment indicates you have read and agreed to the Terms and Conditions.")).toBeVisible();
  await reply.getByRole("link", { name: "Terms and Conditions" }).click();
  await expect(page).toHaveURL(/\/terms$/);
  await expect(page.getByRole("heading", { level: 1, name: "Terms and Conditions" })).toBeVisible();
});

test("the response count follows the approved comments, for anonymous readers too", async ({ page, browser }) => {
  const post = await createPost();
  await page.goto(`/posts/${post.slug}`);
  await expect(page.getByRole("heading", { level: 2, name: `No Responses to “${post.title}”` })).toBeVisible();

  const author = await createUser();
  const [first, second] = await Promise.all(
    ["First.", "Second."].map((body, index) =>
      db.comment.create({ data: { postId: post.id, authorId: author.id, body, status: "PENDING", createdAt: new Date(Date.now() - 10_000 + index) } }),
    ),
  );
  await db.comment.create({ data: { postId: post.id, authorId: author.id, body: "Held back.", status: "PENDING" } });
  const moderatorContext = await browser.newContext();
  const moderatorPage = await moderatorContext.newPage();
  await signIn(moderatorPage, await createUser({ role: "MODERATOR" }), `/moderation?post=${post.slug}`);
  await moderatorPage.goto(`/moderation?post=${post.slug}`);

  const approve = async (comment: { id: string; body: string }) => {
    await moderatorPage.getByRole("article").filter({ hasText: comment.body }).getByRole("button", { name: "Approve" }).click();
    // The item leaves the list at once; the decision is stored when the action answers.
    await expect.poll(async () => (await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe("APPROVED");
  };
  await approve(first!);
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: `1 Response to “${post.title}”` })).toBeVisible();
  await expect(page.getByText(`${author.name} says:`)).toBeVisible();
  await expect(page.getByText("Held back.")).toHaveCount(0);

  await approve(second!);
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: `2 Responses to “${post.title}”` })).toBeVisible();
  await moderatorContext.close();
});

test("the home page lists posts newest first with their response counts", async ({ page }) => {
  const id = uniqueId();
  const older = await createPost({ title: `Older post ${id}`, publishedAt: new Date("2030-01-01T12:00:00Z") });
  const newer = await createPost({ title: `Newer post ${id}`, publishedAt: new Date("2030-01-02T12:00:00Z") });
  await db.comment.create({ data: { postId: older.id, guestName: "Guest", body: "Hi.", status: "APPROVED" } });

  // Posts written straight into the database skip the app's cache invalidation; an address of its
  // own is a fresh render of the home page.
  await page.goto(`/?listing=${id}`);
  const titles = await page.getByRole("heading", { level: 2 }).allTextContents();
  expect(titles.indexOf(newer.title)).toBeGreaterThanOrEqual(0);
  expect(titles.indexOf(newer.title)).toBeLessThan(titles.indexOf(older.title));
  const olderItem = page.getByRole("listitem").filter({ hasText: older.title });
  await expect(olderItem).toContainText("Posted by Test Author");
  await expect(olderItem).toContainText("January 1st, 2030");
  await expect(olderItem).toContainText("1 response");

  await page.getByRole("link", { name: newer.title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(newer.title);
});

test("a post that does not exist is a 404 page", async ({ page }) => {
  const response = await page.goto(`/posts/no-such-post-${uniqueId()}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "See all posts" })).toBeVisible();
});

test("the terms page shows the current version, its date and the topics it covers", async ({ page }) => {
  await page.goto("/terms");
  await expect(page.getByRole("heading", { level: 1, name: "Terms and Conditions" })).toBeVisible();
  await expect(page.getByText(/^Version \d+, effective /)).toBeVisible();
  for (const topic of ["No medical advice", "Civility", "Moderation", "Licence to publish", "Privacy"]) {
    await expect(page.getByRole("heading", { level: 2, name: new RegExp(topic) })).toBeVisible();
  }
});
