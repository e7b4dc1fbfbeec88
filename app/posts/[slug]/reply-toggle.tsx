"use client";

import { useRef, useState } from "react";
import { CommentForm } from "./comment-form";

type Props = { postId: string; parentId: string; authorName: string; termsVersion: number; renderKey: string; formToken: string };

export function ReplyToggle({ postId, parentId, authorName, termsVersion, renderKey, formToken }: Props) {
  const [submissionKey, setSubmissionKey] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);

  if (!submissionKey) {
    return (
      <button ref={button} type="button" className="link-button" aria-label={`Reply to ${authorName}`} onClick={() => setSubmissionKey(crypto.randomUUID())}>
        Reply
      </button>
    );
  }
  return (
    <CommentForm
      postId={postId}
      parentId={parentId}
      replyingTo={authorName}
      termsVersion={termsVersion}
      submissionKey={submissionKey}
      formToken={formToken}
      renderKey={renderKey}
      onCancel={() => setSubmissionKey(null)}
    />
  );
}
