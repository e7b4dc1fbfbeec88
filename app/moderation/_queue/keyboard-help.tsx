const SHORTCUTS = [
  ["j / k", "next / previous comment"],
  ["a", "approve"],
  ["r", "reject (choose a reason)"],
  ["s", "spam"],
  ["z", "undo the last decision (for 10 seconds)"],
  ["x", "select for a bulk action"],
  ["?", "show or hide this list"],
] as const;

export function KeyboardHelp() {
  return (
    <section aria-label="Keyboard shortcuts" className="shortcuts">
      <h2>Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([keys, meaning]) => (
          <div key={keys}>
            <dt>{keys}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
