/** What the account page and the set-up both say to an account without a password. */
export const PASSWORD_FIRST = "Two-factor authentication needs a password on the account first: use “Forgot your password?” on the sign-in page to set one, then come back here.";
