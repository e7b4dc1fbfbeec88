/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with status 403 for signed-in people without access.
  experimental: { authInterrupts: true },
  // Native modules and the Prisma adapters are loaded by Node at run time, not bundled; so are the
  // logger, the metrics and Redis, so that the server (scripts/serve.ts) and the app share one copy;
  // and akismet-api, whose HTTP client (superagent, formidable) loads its parts by computed paths.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "@node-rs/argon2", "pino", "pino-pretty", "prom-client", "ioredis", "akismet-api"],
  // Headers for every response, static files included; the Content Security Policy (with a
  // per-request nonce) is set in proxy.ts, and HSTS only when the request came over HTTPS.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
      },
    ];
  },
};

export default nextConfig;
