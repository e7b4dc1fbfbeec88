import { z } from "zod";

export const unsubscribeInput = z.object({
  token: z.string({ error: "This unsubscribe link is not valid." }).trim().min(1, "This unsubscribe link is not valid.").max(500, "This unsubscribe link is not valid."),
});
