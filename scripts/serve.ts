/**
 * The production server: Next.js's request handler behind a plain node:http server.
 *
 * It does one thing `next start` cannot: it appends the connection's own address to
 * X-Forwarded-For, as any proxy does. `next start` adds that address only when the header is
 * missing, so a client that writes the header would otherwise choose the address every
 * per-address limit sees. The app reads the chain with app/_lib/client-address.ts.
 * Run by `npm start` (scripts/start.ts). It listens on PORT on every interface, IPv4 and IPv6.
 */
import { createServer, type IncomingMessage } from "node:http";
import path from "node:path";
import next from "next";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const port = Number(process.env.PORT ?? 3000);

function recordPeerAddress(request: IncomingMessage) {
  const peer = request.socket.remoteAddress ?? "unknown";
  const forwarded = request.headers["x-forwarded-for"];
  const chain = Array.isArray(forwarded) ? forwarded.join(", ") : forwarded;
  request.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
}

async function main() {
  const app = next({ dev: false, dir: root, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((request, response) => {
    recordPeerAddress(request);
    void handle(request, response);
  });
  server.listen(port, () => console.log(`[vetted] Ready on port ${port}`));
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: Error) => {
  console.error(`[vetted] The server could not start: ${error.message}`);
  process.exit(1);
});
