import path from "node:path";
import { createDatabase } from "../app/_lib/db/client";
import { seed } from "./seed/index";

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const db = createDatabase();
  seed(db)
    .then((report) => console.log(`Seed: ${report.postsCreated} posts, ${report.commentsCreated} comments, ${report.termsCreated} terms versions added.`))
    .catch((error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    })
    .finally(() => db.$disconnect());
}
