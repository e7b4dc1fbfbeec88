import path from "node:path";

/** The repository's root, whichever directory a script was started from. */
export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
