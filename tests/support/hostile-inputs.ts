/**
 * Hostile and broken text, for the action corpus and the rendering test. Each entry is something
 * a reader can type; what the app must never do is run it, store it half-way or answer with a 5xx.
 */
export const SCRIPT_PAYLOADS = [
  "<script>window.__pwned = 1</script>",
  "<img src=x onerror=\"window.__pwned = 2\">",
  "<svg onload=\"window.__pwned = 3\"></svg>",
  "<iframe src=\"javascript:window.top.__pwned = 4\"></iframe>",
  "[click me](javascript:window.__pwned=5)",
  "[click me](JaVaScRiPt:window.__pwned=6)",
  "[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD03PC9zY3JpcHQ+)",
  "![x](x\" onerror=\"window.__pwned=8)",
  "<a href=\"https://example.org\" onclick=\"window.__pwned=9\">link</a>",
  "<details open ontoggle=\"window.__pwned=10\">x</details>",
  "<body onload=\"window.__pwned=11\">",
  "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__pwned=12\">",
  "\"><script>window.__pwned=13</script>",
  "`<script>window.__pwned=14</script>`",
  "<style>body{display:none}</style>",
  "<form action=\"https://evil.example\"><button>Log in again</button></form>",
  "<input autofocus onfocus=\"window.__pwned=15\">",
  "<object data=\"javascript:window.__pwned=16\"></object>",
  "<embed src=\"javascript:window.__pwned=17\">",
  "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__pwned=18\">",
  "[x](vbscript:msgbox(1))",
  "<a href=\"&#106;avascript:window.__pwned=19\">entity</a>",
  "[x](&#106;avascript:window.__pwned=20)",
  "<scr<script>ipt>window.__pwned=21</script>",
  "<<script>script>window.__pwned=22<</script>/script>",
  "<noscript><p title=\"</noscript><img src=x onerror=window.__pwned=23>\">",
  "<a href=\"java\tscript:window.__pwned=24\">tab</a>",
  "<base href=\"https://evil.example/\">",
  "<link rel=stylesheet href=\"https://evil.example/x.css\">",
  "![tracker](https://evil.example/pixel.png)",
];

const TEXT_ODDITIES = [
  "\u202Eevil.exe\u202C harmless",
  "zero\u200Bwidth\u200Cjoin\u200Dchars\uFEFF",
  "emoji 👩🏽‍⚕️🩺💊 and flags 🇬🇧",
  "combining Z̷̢̛͓̯a̸̲͝l̵̹̈g̶̱̈́o̷͚͑",
  "right-to-left: שלום עולם مرحبا",
  "NUL\u0000byte and bell\u0007",
  "escape \u001b[31mred\u001b[0m",
  "line\r\nendings\rmixed\n",
  "lone surrogate \uD800 here",
  "**bold** _em_ `code` > quote",
  "- list\n- items\n\n1. one\n2. two",
  "a".repeat(5000),
  "é".repeat(5000),
  "👍".repeat(2500),
  "   leading and trailing   ",
  "SELECT * FROM \"User\"; DROP TABLE \"Comment\"; --",
  "' OR '1'='1",
  "${7*7} {{7*7}} <%= 7*7 %>",
  "../../../../etc/passwd",
  "%00%0d%0aSet-Cookie: x=y",
];

const EMPTY_OR_TOO_LONG = ["", " ", "\n\n\t", "\u200B\u200B", "\u0000", "a".repeat(5001), "é".repeat(5001), "👍".repeat(2501), "x".repeat(100_000)];

/**
 * Markdown that is costly or impossible to parse: deep nesting (the parser recurses once a level),
 * long runs of emphasis markers, huge lists, many links; each at or near the 5,000-character limit.
 */
export const PATHOLOGICAL_MARKDOWN: Record<string, string> = {
  "quotes nested 2,500 deep": "> ".repeat(2500),
  "quote markers without spaces": ">".repeat(5000),
  "list items nested 2,500 deep": "- ".repeat(2500),
  "ordered list items nested deep": "1. ".repeat(1666),
  "lists nested by indentation": Array.from({ length: 65 }, (_, level) => `${" ".repeat(level * 2)}- item`).join("\n"),
  "quotes and lists alternating": "> - ".repeat(1250),
  "a run of asterisks": "*".repeat(5000),
  "a run of underscores": "_".repeat(5000),
  "alternating emphasis markers": "*a_".repeat(1666),
  "unclosed strong emphasis": "**a ".repeat(1250),
  "nested emphasis": "*".repeat(2500) + "a" + "*".repeat(2499),
  "open brackets": "[".repeat(5000),
  "unclosed link destinations": "[a](".repeat(1250),
  "250 links": "[a](https://example.org) ".repeat(200),
  "bare addresses": "https://example.org/a ".repeat(227),
  "a huge flat list": "- a\n".repeat(1250),
  "backticks": "`".repeat(5000),
  "angle brackets": "<".repeat(5000),
  "html-like tags": "<a>".repeat(1666),
  "escapes": "\\".repeat(2500),
  "entities": "&amp;".repeat(1000),
};

export const COMMENT_BODIES: string[] = [...SCRIPT_PAYLOADS, ...TEXT_ODDITIES, ...EMPTY_OR_TOO_LONG, ...Object.values(PATHOLOGICAL_MARKDOWN)];

/** Values for fields that should hold ids, versions, keys or checkboxes. */
export const FORGED_VALUES: unknown[] = [
  "",
  " ",
  "nonexistent",
  "' OR 1=1 --",
  "x".repeat(65),
  "../etc",
  "<script>",
  "\u0000",
  "-1",
  "0",
  "1e309",
  "NaN",
  "9".repeat(40),
  "true",
  "on",
  "off",
  "null",
  "[]",
  "{}",
  "6f1c2b1e-8a2d-4c3b-9e4f-0a1b2c3d4e5f",
];
