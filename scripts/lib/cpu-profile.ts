/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and says where the time went: the functions with
 * the most self time, and the same summed by package (or by the app's own folders).
 */
import { readFileSync } from "node:fs";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** node_modules/<package> (scoped or not), the app's top folders, or node's own internals. */
export function ownerOf(url: string): string {
  if (!url) return "(native, garbage collection, idle)";
  if (url.startsWith("node:")) return "node internals";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const [first, second] = url.slice(modules + "node_modules/".length).split("/");
    return first?.startsWith("@") ? `${first}/${second}` : (first ?? url);
  }
  const app = /\/(app|scripts|prisma|generated|\.next\/server\/chunks)\//.exec(url);
  return app ? `${app[1]} (the app)` : url.replace(/^file:\/\//, "").split("/").slice(-2).join("/");
}

export function summarise(file: string, top = 20): string {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
  const total = (profile.endTime - profile.startTime) / 1000;
  const functions = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)!.callFrame;
    const name = `${frame.functionName || "(anonymous)"} ${frame.url ? `${ownerOf(frame.url)}:${frame.lineNumber + 1}` : ""}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + ms);
    owners.set(ownerOf(frame.url), (owners.get(ownerOf(frame.url)) ?? 0) + ms);
  }
  const table = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => `  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${Math.round(ms).toString().padStart(6)} ms  ${name}`)
      .join("\n");
  return `CPU profile over ${Math.round(total)} ms\nBy package or folder (self time):\n${table(owners)}\nBy function (self time):\n${table(functions)}`;
}
