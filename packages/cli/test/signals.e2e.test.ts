// Issue 17, "Output that says exactly what happened": Ctrl-C (SIGINT) and SIGTERM stop a run with
// 130 and 143, one line on stderr, and nothing written: the config file is the old bytes or the
// complete new ones, no temp file or lock of the run's is left. The signals are sent to real runs
// through the launcher, at points the run itself announces (a plugin that writes a marker when
// imported), never after a delay.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { assertValidConfig, makeTempDir, parseYaml, pluginSource, slackBlock, startCli, workspacePath, writeProjectPlugin } from "@integrations/test-utils";

const ORIGINAL = `# kept\nintegrations:\n${slackBlock()}`;

/** A project with config.yaml and a plugin `marked` that writes `marker` when imported, after `prelude`, then runs `rest`. */
function project(rest = "") {
  // The plugin runs in process (trusted in package.json, which leaves the directory listings below as they were): it writes a marker file, which a sandboxed plugin may not.
  const root = makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true, integrations: { trust: ["integrations-plugin-marked"] } }), "config.yaml": ORIGINAL });
  assertValidConfig(ORIGINAL);
  const marker = join(root, "imported");
  writeProjectPlugin(root, "marked", `${pluginSource({ name: "marked", destination: "https://marked.example.com", marker })}\n${rest}`);
  return { root, marker, file: join(root, "config.yaml") };
}

/** Resolves once `path` exists (the run announced it got there), polling; a stuck run fails the test's own time-out. */
async function waitFor(path: string): Promise<void> {
  while (!existsSync(path)) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Core's own lock (packages/core/src/file/lock.ts), as built, taken in this live process until released. */
async function holdLock(file: string): Promise<() => Promise<void>> {
  const url = pathToFileURL(workspacePath("packages", "core", "dist", "file", "lock.js")).href;
  const { withFileLock } = (await import(url)) as { withFileLock: <T>(file: string, work: () => Promise<T>) => Promise<T> };
  let release!: () => void;
  let held!: () => void;
  const isHeld = new Promise<void>((resolve) => (held = resolve));
  const done = withFileLock(file, () => new Promise<void>((resolve) => ((release = resolve), held())));
  await isHeld;
  return async () => (release(), await done);
}

const ADD = ["marked", "-token", "env:A", "-incoming-token", "env:B", "-file", "config.yaml"];

describe("a run stopped by a signal", () => {
  it("SIGINT while it waits for the lock: exit 130, one line, the file and the holder's lock untouched", async () => {
    const { root, marker, file } = project();
    const release = await holdLock(file);
    try {
      const run = startCli(ADD, { cwd: root });
      await waitFor(marker); // imported: next it builds the block and waits for the lock
      run.child.kill("SIGINT");
      const result = await run.done;
      expect(result).toEqual({ code: 130, signal: null, stdout: "", stderr: "error: stopped by SIGINT; no config file was changed\n" });
      expect(readFileSync(file, "utf8")).toBe(ORIGINAL);
      expect(readdirSync(root).sort()).toEqual(["config.yaml", "config.yaml.lock", "imported", "node_modules", "package.json"]); // the holder's lock only
    } finally {
      await release();
    }
    expect(readdirSync(root)).not.toContain("config.yaml.lock");
  });

  it("SIGTERM while a plugin's import waits: exit 143, and with --json the error as JSON on stdout", async () => {
    const { root, marker, file } = project("await new Promise(() => {});");
    const run = startCli([...ADD, "--json"], { cwd: root });
    await waitFor(marker);
    run.child.kill("SIGTERM");
    const result = await run.done;
    expect({ code: result.code, signal: result.signal, stderr: result.stderr }).toEqual({ code: 143, signal: null, stderr: "error: stopped by SIGTERM; no config file was changed\n" });
    expect(JSON.parse(result.stdout)).toEqual({ status: "error", exitCode: 143, error: "stopped by SIGTERM; no config file was changed" });
    expect(readFileSync(file, "utf8")).toBe(ORIGINAL);
    expect(readdirSync(root).sort()).toEqual(["config.yaml", "imported", "node_modules", "package.json"]);
  });

  it("SIGINT wherever it lands in a run that holds the lock and writes: the old bytes or the complete new ones, nothing left beside them", async () => {
    // The signal goes as soon as the plugin is imported, while the run builds, locks, writes and
    // reports: it lands at a different step each time, and whichever it is, the rule holds.
    const outcomes = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const { root, marker, file } = project();
      const run = startCli(ADD, { cwd: root });
      await waitFor(marker);
      run.child.kill("SIGINT");
      const result = await run.done;
      const after = readFileSync(file, "utf8");
      if (after !== ORIGINAL) {
        expect(after.startsWith(ORIGINAL)).toBe(true);
        assertValidConfig(after);
        expect((parseYaml(after) as { integrations: { name: string }[] }).integrations.map((item) => item.name)).toEqual(["slack", "marked"]);
      }
      expect(readdirSync(root).sort()).toEqual(["config.yaml", "imported", "node_modules", "package.json"]);
      if (result.code === 0) expect(result.stderr).toBe("");
      else {
        expect(result.code).toBe(130);
        const stop = after === ORIGINAL ? "stopped by SIGINT; no config file was changed" : "stopped by SIGINT after config.yaml was written in full";
        expect(result.stderr).toBe(`error: ${stop}\n`);
      }
      outcomes.add(`${result.code}:${after === ORIGINAL ? "old" : "new"}`);
    }
    expect([...outcomes].every((o) => ["130:old", "130:new", "0:new"].includes(o))).toBe(true);
  }, 120_000);
});
