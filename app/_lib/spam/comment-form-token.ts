import "server-only";
import { siteSecret } from "@/app/_lib/auth/site-secret";
import { checkFormToken, signFormToken, type FormTokenCheck } from "./form-token";

const key = () => siteSecret("sign comment forms");

/** The token a comment form carries, drawn for this reader on this post at `issuedAt`. */
export const commentFormToken = (readerId: string, postId: string, issuedAt = new Date()): string => signFormToken(key(), { readerId, postId, issuedAt });

export const checkCommentFormToken = (token: string | undefined, readerId: string, postId: string, now = new Date()): FormTokenCheck =>
  checkFormToken(key(), token, { readerId, postId, now });
