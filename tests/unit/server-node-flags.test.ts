import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { serverNodeFlags } from "../../scripts/lib/server-env";

const configured = process.env.HEAP_GROWING_PERCENT;
afterEach(() => {
  if (configured === undefined) delete process.env.HEAP_GROWING_PERCENT;
  else process.env.HEAP_GROWING_PERCENT = configured;
});

describe("the flags the server's node starts with", () => {
  it("collect the heap at a quarter more than its live data unless the operator says otherwise", () => {
    delete process.env.HEAP_GROWING_PERCENT;
    expect(serverNodeFlags()).toEqual(["--heap-growing-percent=25"]);
    process.env.HEAP_GROWING_PERCENT = "0";
    expect(serverNodeFlags()).toEqual(["--heap-growing-percent=0"]);
    process.env.HEAP_GROWING_PERCENT = "100";
    expect(serverNodeFlags()).toEqual(["--heap-growing-percent=100"]);
  });

  it("ignore a value that is not a whole number of percent, rather than handing node a flag it refuses", () => {
    for (const value of ["-5", "1.5", "lots", "25; rm -rf /", ""]) {
      process.env.HEAP_GROWING_PERCENT = value;
      expect(serverNodeFlags(), value).toEqual(["--heap-growing-percent=25"]);
    }
  });

  it("are accepted by this node (one that dropped a flag refuses to start at all)", () => {
    const run = spawnSync(process.execPath, [...serverNodeFlags(), "-e", "process.exit(0)"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
