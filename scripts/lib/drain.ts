/**
 * Graceful shutdown for the production server. On SIGTERM (a rolling restart, an orchestrator
 * stopping the instance) the server stops accepting connections, so a load balancer's next
 * connection goes to another instance; requests under way finish and their connections close
 * after their last response; then the app's database and Redis connections are closed. Whatever is
 * still open after SHUTDOWN_TIMEOUT_MS (10 s) is cut off, so a stuck request cannot hold a deploy
 * forever.
 */
import type { Server } from "node:http";
import net from "node:net";
import { logger } from "../../app/_lib/operations/logger";
import { isDraining, runDrainHooks, runShutdownHooks } from "../../app/_lib/operations/shutdown";

export function drainOnSignals(server: Server): void {
  const timeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
  const drain = async (signal: NodeJS.Signals) => {
    if (isDraining()) return;
    // Ready answers 503 from now on, and live streams end (their browsers reconnect elsewhere).
    runDrainHooks();
    const log = logger();
    log.info({ signal }, "Draining: no new connections; finishing the requests under way");
    // net.Server's own close stops listening and waits for the open connections. http.Server's
    // would also drop every connection without a request under way, and that includes one whose
    // request is already on its way (a proxy's POST, say): its reader would get an error.
    // Instead each connection closes after its next response (serve.ts
    // closes every connection after its response), or when Node's keep-alive timeout ends it.
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
    const deadline = setTimeout(() => {
      log.warn({ timeoutMs }, "Connections still open at the shutdown deadline were cut off");
      server.closeAllConnections();
    }, timeoutMs);
    await closed;
    clearTimeout(deadline);
    const failed = await runShutdownHooks();
    if (failed.length) log.warn({ failed }, "Some connections did not close cleanly");
    log.info("Stopped");
    log.flush?.();
    process.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, (received) => void drain(received));
}
