import { expect, test } from "@playwright/test";
import { createUser, PASSWORD } from "./support/users";

const WITHOUT_SCRIPTS_FOR_VISITORS = new Set(["/", "/posts/mri-in-follow-up-of-sciatica"]);

test("pages carry a nonce-based Content Security Policy, or none at all for a visitor's scriptless page, and the other security headers", async ({ request }) => {
  for (const path of ["/", "/posts/mri-in-follow-up-of-sciatica", "/login", "/terms", "/no-such-page"]) {
    const response = await request.get(path);
    const headers = response.headers();
    const policy = headers["content-security-policy"] ?? "";
    // A visitor's post and home page carry no script at all, and their policy allows none.
    if (WITHOUT_SCRIPTS_FOR_VISITORS.has(path)) expect(policy, path).toMatch(/(?:^|; )script-src 'none';/);
    else expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy, path).not.toContain("unsafe-eval");
    expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy, path).toContain("frame-ancestors 'none'");
    expect(policy, path).toContain("object-src 'none'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["x-powered-by"], path).toBeUndefined();
    // Served over plain HTTP here: no HSTS, which would pin a local site to HTTPS.
    expect(headers["strict-transport-security"], path).toBeUndefined();

    // Every inline script Next.js writes carries this response's nonce, and only that one.
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]!);
    if (WITHOUT_SCRIPTS_FOR_VISITORS.has(path)) {
      expect(scripts, path).toEqual([]);
      expect(html, path).not.toContain("nonce=");
      continue;
    }
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes, path).toContain(`nonce="${nonce}"`);
  }
  const first = (await request.get("/login")).headers()["content-security-policy"];
  const second = (await request.get("/login")).headers()["content-security-policy"];
  expect(first).not.toBe(second);
});

test("behind an HTTPS proxy, responses add HSTS and upgrade insecure requests", async ({ request }) => {
  const response = await request.get("/", { headers: { "X-Forwarded-Proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  expect(response.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ request }) => {
  const user = await createUser();
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password: PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  const cookies = response.headersArray().filter((header) => header.name.toLowerCase() === "set-cookie").map((header) => header.value);
  const session = cookies.find((cookie) => cookie.startsWith("next-auth.session-token="));
  expect(session).toBeDefined();
  expect(session).toMatch(/; HttpOnly/i);
  expect(session).toMatch(/; SameSite=Lax/i);
  expect(session).toMatch(/; Path=\//i);
});

test("a server action called from a foreign origin is refused", async ({ request, baseURL }) => {
  const response = await request.post("/posts/mri-in-follow-up-of-sciatica", {
    headers: { "Next-Action": "0".repeat(42), Origin: "https://evil.example", "Content-Type": "text/plain;charset=UTF-8" },
    data: "[]",
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toBe("Cross-origin requests are not accepted.");
  // The same call from the site's own origin reaches Next, which answers an unknown action id with 409.
  const sameOrigin = await request.post("/posts/mri-in-follow-up-of-sciatica", {
    headers: { "Next-Action": "0".repeat(42), Origin: baseURL!, "Content-Type": "text/plain;charset=UTF-8" },
    data: "[]",
  });
  expect(sameOrigin.status()).toBe(409);
});
