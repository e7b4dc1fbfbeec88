import { z } from "zod";

const INVALID = "This unsubscribe link is not valid.";

export const subscriptionInput = z.object({
  token: z.string({ error: INVALID }).trim().min(1, INVALID).max(500, INVALID),
  subscribe: z.stringbool({ error: "Choose to subscribe or unsubscribe." }),
});
