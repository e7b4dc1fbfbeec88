import type { Instrumentation } from "next";

/**
 * Errors Next catches while answering a request, as one structured line with their stack and the
 * request id the server gave the request (scripts/lib/request-log.ts). Only the path is logged,
 * without its query; headers (cookies) are not.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("@/app/_lib/operations/logger");
  const reqId = request.headers["x-request-id"];
  logger().error(
    { err: error, reqId: typeof reqId === "string" ? reqId : undefined, method: request.method, path: request.path.split("?")[0], route: context.routePath, kind: context.routeType },
    "request failed",
  );
};
