import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { createPost, db, uniqueId } from "./support/db";
import { createUser, signIn } from "./support/users";

const SEEDED_POST = "/posts/mri-in-follow-up-of-sciatica";

for (const scheme of ["light", "dark"] as const) {
  test(`signed-out pages have no axe violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of ["/", SEEDED_POST, "/terms", "/login", "/register", "/unsubscribe?token=nonsense", `/posts/no-such-post-${uniqueId()}`]) {
      await page.goto(path);
      await expectNoAxeViolations(page, path);
    }
    await page.goto("/register");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expectNoAxeViolations(page, "/register with errors");
  });
}

test("a reader's pages have no axe violations, including the comment form with errors and the account page", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  const other = await createUser();
  const published = await db.comment.create({ data: { postId: post.id, authorId: other.id, body: "Published *remark*.", status: "APPROVED", decidedAt: new Date(), termsVersion: 1 } });
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "My pending remark.", status: "PENDING", termsVersion: 1 } });
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, parentId: published.id, body: "Rejected.", status: "REJECTED", rejectionReason: "Off-topic", decidedAt: new Date(), decidedById: other.id, termsVersion: 1 } });

  await signIn(page, reader, `/posts/${post.slug}`);
  await expectNoAxeViolations(page, "post page, signed in");
  const form = page.getByRole("region", { name: "Leave a Reply" });
  await form.getByRole("button", { name: "Post Comment" }).click();
  await expect(form.getByText("Tick the box to agree to the Terms and Conditions before posting.")).toBeVisible();
  await expectNoAxeViolations(page, "comment form with errors");
  await page.getByRole("button", { name: `Reply to ${other.name}` }).click();
  await expectNoAxeViolations(page, "reply form open");

  await page.goto("/account");
  await expectNoAxeViolations(page, "/account");
  const deletion = page.getByRole("form", { name: "Delete my account" });
  await deletion.getByLabel("Your password").fill("wrong password");
  await deletion.getByRole("button", { name: "Delete my account" }).click();
  await expect(deletion.getByText("That password is not right.")).toBeVisible();
  await expectNoAxeViolations(page, "/account with errors");
});

test("the moderator's and admin's pages have no axe violations, the queue included", async ({ page }) => {
  // Ten pages analysed one after another: more than one page's share of time on a busy machine.
  test.slow();
  const post = await createPost();
  const reader = await createUser();
  const admin = await createUser({ role: "ADMIN" });
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Awaiting a decision.", status: "PENDING", termsVersion: 1, heldReason: "First comment" } });

  await db.outboxMessage.create({
    data: { kind: "approved", userId: reader.id, toAddress: reader.email, subject: "Your comment is published", text: "Hello,\n\nA long line of text.", headers: JSON.stringify({ "List-Unsubscribe": "<https://example.org/unsubscribe/now?token=x>" }) },
  });
  await signIn(page, admin, "/moderation");
  await page.goto(`/moderation?post=${post.slug}`);
  await expect(page.getByRole("article", { name: `Comment by ${reader.name} on ${post.title}` })).toBeVisible();
  await page.getByText("Decisions per day as a table").click();
  await expectNoAxeViolations(page, "queue");
  await page.getByRole("article", { name: `Comment by ${reader.name} on ${post.title}` }).getByRole("button", { name: "Reject" }).click();
  await expectNoAxeViolations(page, "queue with the reject panel open");

  for (const path of ["/moderation/log", "/moderation/users", "/moderation/settings", "/moderation/posts", "/moderation/posts/new", "/moderation/outbox", "/terms/edit", "/moderation?tab=approved"]) {
    await page.goto(path);
    await expectNoAxeViolations(page, path);
  }
});
