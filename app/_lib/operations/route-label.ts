/**
 * The label a request's metrics are kept under: the app route that answers it ("/posts/[slug]"),
 * never the address itself, so a crawler walking a million addresses cannot make a million
 * series. Routes come from the build's routes manifest; anything else is one of a few fixed labels.
 */
type ManifestRoute = { page: string; regex: string };
export type RoutesManifest = { staticRoutes?: ManifestRoute[]; dynamicRoutes?: ManifestRoute[] };

export type RouteLabeller = (pathname: string) => string;

export function routeLabeller(manifest: RoutesManifest): RouteLabeller {
  const exact = new Set((manifest.staticRoutes ?? []).map((route) => route.page));
  const dynamic = (manifest.dynamicRoutes ?? []).map((route) => ({ page: route.page, pattern: new RegExp(route.regex) }));
  return (pathname) => {
    if (pathname.startsWith("/_next/static/")) return "/_next/static";
    if (pathname.startsWith("/_next/")) return "/_next";
    const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
    if (exact.has(path)) return path;
    return dynamic.find((route) => route.pattern.test(path))?.page ?? "unmatched";
  };
}
