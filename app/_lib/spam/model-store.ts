import "server-only";
import { db } from "@/app/_lib/db";
import { shortLived } from "@/app/_lib/short-lived";
import { spamScorer } from "./classifier";
import { starterModel } from "./starter";

/** The one model row every instance shares. */
export const SPAM_MODEL_ID = "default";

/** Without Redis, other instances score with a model at most this old. */
const MODEL_KEPT_MS = 30_000;

async function loadScorer(): Promise<(text: string) => number> {
  const row = await db.spamModel.findUnique({ where: { id: SPAM_MODEL_ID }, select: { model: true } });
  try {
    return spamScorer(row?.model ?? starterModel());
  } catch (error) {
    // A model that cannot be read must not stop comments: score with the starter until retrained.
    console.error("The stored spam model could not be read; scoring with the starter model.", error);
    return spamScorer(starterModel());
  }
}

const keptScorer = shortLived(MODEL_KEPT_MS, loadScorer, { sharedAs: "spam-model" });

/** The probability that a text is spam, by the model in force (at most a few seconds old). */
export async function spamProbability(text: string): Promise<number> {
  return (await keptScorer())(text);
}

/** Called after the model was written, so this instance (and, through Redis, the others) reload it. */
export const spamModelChanged = (): void => keptScorer.forget();
