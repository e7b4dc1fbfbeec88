import { hasRole } from "@/app/_lib/auth/require";
import { getViewer, loadViewer, sessionClaims } from "@/app/_lib/auth/viewer";
import { listen, type ModerationEvent } from "@/app/_lib/operations/bus";
import { onDrain } from "@/app/_lib/operations/shutdown";

// Often enough that proxies keep the stream open, and that a revoked session ends it soon.
const HEARTBEAT_MS = 20_000;

const refusal = (status: number, error: string) => Response.json({ error }, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The moderation queue's live updates as Server-Sent Events: "pending" when a comment arrives for
 * moderation, "decided" when comments leave the queue, from this instance and, through Redis,
 * every other one. Nothing polls the database: the stream only relays what the app announces.
 * The moderator is checked again at every heartbeat, so a sign-out, a ban or a demotion ends it.
 */
export async function GET(request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return refusal(401, "Sign in first.");
  if (!hasRole(viewer, "MODERATOR")) return refusal(403, "You do not have access.");
  // Read now, while the request's cookies can be: the heartbeat checks this session again later.
  const { sessionVersion } = await sessionClaims();

  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const unlisten = listen((message) => {
        if (message.kind !== "moderation") return;
        const event: ModerationEvent = message.event;
        send(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(async () => {
        const still = await loadViewer(viewer.id, sessionVersion).catch(() => viewer);
        if (!hasRole(still, "MODERATOR")) {
          send("event: ended\ndata: {}\n\n");
          stop();
          return;
        }
        send(": heartbeat\n\n");
      }, HEARTBEAT_MS);
      const undrain = onDrain(() => stop());
      stop = () => {
        unlisten();
        undrain();
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      request.signal.addEventListener("abort", () => stop());
      // Tells the browser how long to wait before reconnecting, and that the stream is open.
      send("retry: 3000\n: connected\n\n");
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
}
