/** A same-site path to return to after signing in; anything else (other hosts, "//x") is "/". */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value.length > 500 ? "/" : value;
}
