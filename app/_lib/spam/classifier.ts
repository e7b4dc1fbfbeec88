import naiveBayes from "wink-naive-bayes-text-classifier";
import { spamFeatures } from "./tokens";

export type SpamLabel = "spam" | "ham";

/** wink's exported model: its configuration, examples per label, word counts per label, words per label, vocabulary. */
type ModelParts = [config: Record<string, unknown>, samples: Record<string, number>, count: Record<string, Record<string, number>>, words: Record<string, number>, vocabulary: string[]];

const CONFIG = { considerOnlyPresence: true, smoothingFactor: 0.5 };

function fresh() {
  const classifier = naiveBayes();
  classifier.defineConfig(CONFIG);
  classifier.definePrepTasks([spamFeatures]);
  return classifier;
}

/** An empty model in wink's format, for training from nothing. */
export function emptyModel(): string {
  return fresh().exportJSON();
}

/** The model with these examples learnt (wink learns on an unconsolidated copy). */
export function learnExamples(model: string, examples: { text: string; label: SpamLabel }[]): string {
  const classifier = fresh();
  classifier.importJSON(model);
  classifier.definePrepTasks([spamFeatures]);
  for (const { text, label } of examples) classifier.learn(text, label);
  return classifier.exportJSON();
}

/**
 * The model without these examples, for a decision taken back. wink has no "unlearn", so its
 * counts are taken down here exactly as `learn` put them up (each word once per example, as the
 * model counts presence); a count that reaches zero leaves the vocabulary when no label uses it.
 */
export function forgetExamples(model: string, examples: { text: string; label: SpamLabel }[]): string {
  const [config, samples, count, words, vocabulary] = JSON.parse(model) as ModelParts;
  const vocab = new Set(vocabulary);
  for (const { text, label } of examples) {
    if (!samples[label]) continue;
    samples[label] -= 1;
    const counts = count[label] ?? {};
    for (const token of new Set(spamFeatures(text))) {
      if (!counts[token]) continue;
      counts[token] -= 1;
      words[label] = Math.max(0, (words[label] ?? 0) - 1);
      if (counts[token] === 0) {
        delete counts[token];
        if (!Object.values(count).some((other) => other[token])) vocab.delete(token);
      }
    }
  }
  return JSON.stringify([config, samples, count, words, [...vocab]]);
}

export function exampleCounts(model: string): Record<SpamLabel, number> {
  const samples = (JSON.parse(model) as ModelParts)[1];
  return { spam: samples.spam ?? 0, ham: samples.ham ?? 0 };
}

/**
 * A scorer for one model: the probability that a text is spam, from wink's log-odds (base 2) of
 * "spam" against the rest. Words the model has never seen say nothing: such a text scores 0.5.
 */
export function spamScorer(model: string): (text: string) => number {
  const classifier = fresh();
  classifier.importJSON(model);
  classifier.definePrepTasks([spamFeatures]);
  try {
    classifier.consolidate();
  } catch {
    // Fewer than two labels or ten words: nothing to go on yet.
    return () => 0.5;
  }
  return (text) => {
    const odds = classifier.computeOdds(text).find(([label]) => label === "spam")?.[1] ?? 0;
    // Far past either end the answer is certain; 2^±60 would only lose precision.
    return 1 / (1 + 2 ** -Math.max(-60, Math.min(60, odds)));
  };
}
