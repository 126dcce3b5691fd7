// The snapshot build's timer guard, on the six-line reproduction of Node 20's snapshot timer trap: a
// timer made while a snapshot is built leaves late timers of every run unarmed, and node exits 0 with
// its work unfinished. The guard must fail such a build, and a build without one must keep timers
// working however late they start. The CLI's own build goes through the same guard (its entry imports
// it first): startup.e2e.test.ts shows that build succeeding, and plugin-timers.e2e.test.ts late timers
// firing in its runs.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { describe, expect, it } from "vitest";
import { makeTempDir, workspacePath } from "@integrations/test-utils";

const GUARD = workspacePath("packages", "cli", "dist", "startup", "snapshot-build-guard.js");
const ENTRY = workspacePath("packages", "cli", "dist", "bundle", "snapshot-entry.mjs");

/** The reproduction's main function: waits 3 s on a timer made at run time, then prints "fired". */
const MAIN = `import { startupSnapshot } from "node:v8";
startupSnapshot.setDeserializeMainFunction(async () => {
  await new Promise((resolve) => setTimeout(resolve, 3000));
  console.log("fired");
});`;

/** Bundles `source` after the guard (as scripts/build-snapshot.mjs does), builds a snapshot of it and runs it once. */
function buildAndRun(source: string) {
  const dir = makeTempDir({ "entry.mjs": `import ${JSON.stringify(GUARD)};\n${source}\n${MAIN}\n` });
  buildSync({ entryPoints: [join(dir, "entry.mjs")], outfile: join(dir, "bundle.cjs"), bundle: true, platform: "node", format: "cjs", logLevel: "error" });
  const blob = join(dir, "snapshot.blob");
  const build = spawnSync(process.execPath, ["--snapshot-blob", blob, "--build-snapshot", join(dir, "bundle.cjs")], { cwd: dir, encoding: "utf8" });
  if (build.status !== 0) return { built: false, output: build.stderr };
  const run = spawnSync(process.execPath, ["--snapshot-blob", blob], { cwd: dir, encoding: "utf8", timeout: 60_000 });
  return { built: true, output: run.stdout, code: run.status };
}

describe("the snapshot build's timer guard", () => {
  it.each([
    ["an interval created and cleared", "const t = setInterval(() => {}, 2000); clearInterval(t);", "setInterval"],
    ["a timeout through node:timers", `import { setTimeout as later } from "node:timers"; clearTimeout(later(() => {}, 10));`, "timers.setTimeout"],
    ["an awaited sleep through node:timers/promises", `import { setTimeout as sleep } from "node:timers/promises"; void (async () => await sleep(1))();`, "timers/promises.setTimeout"],
  ])("fails a build that makes %s, naming the call", (_, source, label) => {
    const result = buildAndRun(source);
    expect(result.built).toBe(false);
    expect(result.output).toContain("a timer was created while the start-up snapshot was built");
    expect(result.output).toContain(label);
  });

  it("lets a build without timers through, and its run's late timer fires", () => {
    expect(buildAndRun("")).toEqual({ built: true, output: "fired\n", code: 0 });
  });

  it("does nothing outside a snapshot build: the functions stay Node's own", async () => {
    const before = [globalThis.setTimeout, globalThis.setInterval];
    await import(GUARD);
    expect([globalThis.setTimeout, globalThis.setInterval]).toEqual(before);
  });

  it.skipIf(!existsSync(ENTRY))("comes first in the CLI's own snapshot entry", () => {
    expect(readFileSync(ENTRY, "utf8").split("\n")[0]).toBe('import "../startup/snapshot-build-guard.js";');
  });
});
