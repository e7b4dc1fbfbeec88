import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { db } from "./support/db";
import { enterPassword, setUpTwoFactor, signInWithCode, signOut, unusedCode } from "./support/two-factor";
import { createUser, signIn } from "./support/users";

test("a moderator turns on two-factor; then a right password alone signs in no one, a wrong code is refused at the field, the right one signs in once", async ({ page }) => {
  // Four axe runs and four Argon2 sign-ins: past the usual bound beside a second worker on two cores.
  test.setTimeout(120_000);
  const moderator = await createUser({ role: "MODERATOR" });
  await signIn(page, moderator, "/account");
  await page.goto("/account");
  await expectNoAxeViolations(page, "/account, two-factor off");
  const wrongSetUp = async () => {
    const section = page.getByRole("region", { name: "Two-factor authentication" });
    const field = section.getByLabel("Code from your authenticator app");
    await field.fill("12345");
    await section.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    await expect(field).toHaveAccessibleDescription(/Enter the 6-digit code from your authenticator app\./);
    await expectNoAxeViolations(page, "/account, two-factor set-up with an error");
  };
  const { secret, recoveryCodes } = await setUpTwoFactor(page, wrongSetUp);
  await expectNoAxeViolations(page, "/account, two-factor on");

  // The database holds neither the key nor any recovery code as typed.
  const stored = await db.twoFactor.findUniqueOrThrow({ where: { userId: moderator.id } });
  expect(stored.enabledAt).not.toBeNull();
  expect(stored.secretBox).not.toContain(secret);
  const hashes = (await db.recoveryCode.findMany({ where: { userId: moderator.id } })).map((row) => row.codeHash);
  expect(hashes).toHaveLength(10);
  for (const code of recoveryCodes) expect(hashes.join(" ")).not.toContain(code.replace(/-/g, ""));
  // Once on, the page never shows the key again.
  await page.reload();
  await expect(page.getByText(secret.slice(0, 4) + " " + secret.slice(4, 8))).toHaveCount(0);

  await signOut(page);
  await enterPassword(page, moderator.email, "/account");
  // The right password made no session.
  expect((await page.context().cookies()).some((cookie) => cookie.name.endsWith("next-auth.session-token"))).toBe(false);
  const right = await unusedCode(secret);
  const code = page.getByLabel("Authentication code");
  await code.fill(right === "000000" ? "999999" : "000000");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(code).toHaveAccessibleDescription(/That code is not right, or it has already been used\./);
  await expect(code).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await expectNoAxeViolations(page, "/login, wrong two-factor code");

  await code.fill(right);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByText(`Signed in as ${moderator.name}`)).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveURL(/\/account$/);

  // The same code again (still inside its 30 seconds) is refused.
  await signOut(page);
  await enterPassword(page, moderator.email);
  await page.getByLabel("Authentication code").fill(right);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByLabel("Authentication code")).toHaveAccessibleDescription(/already been used/);
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
});

test("a recovery code signs in once; the same code a second time is refused", async ({ page }) => {
  const reader = await createUser();
  await signIn(page, reader, "/account");
  const { secret, recoveryCodes } = await setUpTwoFactor(page);
  await signOut(page);

  await enterPassword(page, reader.email, "/account");
  await page.getByLabel("Authentication code").fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByText(`Signed in as ${reader.name}`)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("region", { name: "Two-factor authentication" })).toContainText("You have 9 unused recovery codes.");
  await signOut(page);

  await enterPassword(page, reader.email);
  await page.getByLabel("Authentication code").fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByLabel("Authentication code")).toHaveAccessibleDescription(/already been used/);
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();

  // The authenticator still works, and turning two-factor off (with a code) makes the password enough again.
  await signInWithCode(page, reader, secret, "/account");
  const section = page.getByRole("region", { name: "Two-factor authentication" });
  const off = section.getByRole("form", { name: "Turn off two-factor authentication" });
  await off.getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(off.getByLabel("Current password")).toHaveAccessibleDescription("Enter your current password or a code.");
  await off.getByLabel(/Or a code from your authenticator app/).fill(recoveryCodes[1]!);
  await off.getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(section.getByText(/Two-factor authentication is off\./)).toBeVisible();
  await signOut(page);
  await signIn(page, reader, "/");
});
