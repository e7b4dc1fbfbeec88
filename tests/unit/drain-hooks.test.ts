import { expect, it } from "vitest";
import { onDrain, runDrainHooks } from "@/app/_lib/operations/shutdown";

it("streams open when the drain starts end, and one opened during the drain ends at once", async () => {
  const ended: string[] = [];
  onDrain(() => ended.push("open before"));
  const takenBack = onDrain(() => ended.push("closed by its client"));
  takenBack();
  runDrainHooks();
  expect(ended).toEqual(["open before"]);
  onDrain(() => ended.push("reconnected while draining"));
  await Promise.resolve();
  expect(ended).toEqual(["open before", "reconnected while draining"]);
});
