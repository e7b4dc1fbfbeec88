import { renderCommentMarkdown } from "../app/_lib/content/markdown";
const cases: Record<string, string> = {
  quotes: "> ".repeat(2500) + "x",
  quotesNoSpace: ">".repeat(5000),
  lists: Array.from({length: 300}, (_, i) => " ".repeat(i*2) + "- item").join("\n"),
  listsDeep: "- ".repeat(2500) + "x",
  emphasis: "*".repeat(5000),
  emphasisMix: "*a_".repeat(1666),
  links: "[a](http://x.example) ".repeat(250),
  brackets: "[".repeat(5000),
  backticks: "`".repeat(5000),
  lt: "<".repeat(5000),
  underscores: "_a".repeat(2500),
};
for (const [name, text] of Object.entries(cases)) {
  const t = performance.now();
  try { const out = renderCommentMarkdown(text); console.log(name, text.length, (performance.now()-t).toFixed(1)+"ms", out.length); }
  catch (e) { console.log(name, "THROWS", (e as Error).message.slice(0,80), (performance.now()-t).toFixed(1)+"ms"); }
}
