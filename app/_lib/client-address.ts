import { BlockList, isIP } from "node:net";

/**
 * Who is asking, by address, for the per-address limits. Every entry of X-Forwarded-For except the
 * last is written by whoever sent the request; the last is the connection's own address, which the
 * server (scripts/serve.ts) appends itself. So by default the client is that last entry, and a
 * client cannot escape a limit, or land a victim in one, by writing the header.
 *
 * Behind a reverse proxy, TRUSTED_PROXIES says which entries to believe:
 * - a number N: N proxies stand in front, each appending the address it saw; the client is the
 *   entry N places before the last;
 * - a list of addresses and CIDR ranges ("10.0.0.0/8, 127.0.0.1"): entries from these are proxies;
 *   walking back from the last entry, the first address not in the list is the client.
 */
export type ProxyTrust = { kind: "hops"; hops: number } | { kind: "addresses"; proxies: BlockList };

export function parseTrustedProxies(value: string | undefined): ProxyTrust {
  const text = value?.trim() ?? "";
  if (text === "") return { kind: "hops", hops: 0 };
  if (/^\d+$/.test(text)) return { kind: "hops", hops: Math.min(Number(text), 20) };
  const proxies = new BlockList();
  for (const entry of text.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [address, prefix] = entry.split("/");
    const family = isIP(address ?? "");
    if (!family) throw new Error(`TRUSTED_PROXIES: "${entry}" is neither an address nor a CIDR range`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) proxies.addAddress(address!, type);
    else proxies.addSubnet(address!, Number(prefix), type);
  }
  return { kind: "addresses", proxies };
}

/** "::ffff:127.0.0.1" (an IPv4 client on a dual-stack socket) is 127.0.0.1. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed;
}

function isTrusted(trust: Extract<ProxyTrust, { kind: "addresses" }>, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && trust.proxies.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** Whether the connection itself comes from a proxy this deployment trusts. */
export function isTrustedPeer(address: string, trust: ProxyTrust): boolean {
  if (trust.kind === "hops") return trust.hops > 0;
  return isTrusted(trust, normalizeAddress(address));
}

/** The client's address from the forwarded chain, oldest entry first, the connection's last. */
export function pickClientAddress(chain: string[], trust: ProxyTrust): string {
  const entries = chain.map(normalizeAddress).filter(Boolean);
  if (entries.length === 0) return "unknown";
  if (trust.kind === "hops") return entries[Math.max(0, entries.length - 1 - trust.hops)]!;
  for (let index = entries.length - 1; index > 0; index--) {
    if (!isTrusted(trust, entries[index]!)) return entries[index]!;
  }
  return entries[0]!;
}

/**
 * The unit the limits count: an IPv4 address, or an IPv6 address's /64 network. One host is
 * usually given a whole /64 and can pick any address in it, so counting single IPv6 addresses
 * would give it billions of fresh starts.
 */
export function limitedUnit(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups] : headGroups;
  return `${groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16)).join(":")}::/64`;
}

let configured: ProxyTrust | undefined;

/** The requesting client, as far as this deployment's proxies can vouch for it, as limits count it. */
export function clientAddress(headers: { get(name: string): string | null }): string {
  configured ??= parseTrustedProxies(process.env.TRUSTED_PROXIES);
  return limitedUnit(pickClientAddress((headers.get("x-forwarded-for") ?? "").split(","), configured));
}
