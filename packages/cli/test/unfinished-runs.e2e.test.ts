// End to end: "done" means done. Through the launcher, so from the
// start-up snapshot (and, in `pnpm test`'s second pass, from the plain entry):
// - a plugin that waits on a timer at import runs and writes its block;
// - a plugin whose import never settles fails with the time-out for its command, `list --check`,
//   `doctor --strict` and `plugins install` (rolled back), whichever start. The default 10 s time-out
//   is the test that fails on a snapshot built with a timer (its expiry lies past the stale one the
//   build saved, so it is never armed; checked by building such a snapshot);
// - a run whose event loop empties before its command settles (a CLI config whose top-level await
//   never settles) exits 70 with an error, never 0, and the config file stays as it was.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, makeTempDir, parseListRows, pluginSource, runCli, slackBlock, writeFiles, writeProjectPlugin, type CliResult } from "@integrations/test-utils";

const HOME = makeTempDir();

/** A project (package.json, config.yaml with a slack block) and its own user plugin directory. */
function project() {
  const root = makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }), "config.yaml": `integrations:\n${slackBlock()}` });
  const config = readFileSync(join(root, "config.yaml"));
  assertValidConfig(config.toString("utf8"));
  const dataDir = join(root, "data");
  return {
    root,
    dataDir,
    run: (args: string[], env: Record<string, string> = {}): CliResult => runCli(args, { cwd: root, env: { INTEGRATIONS_DATA_DIR: dataDir, HOME, npm_config_cache: join(HOME, ".npm"), ...env } }),
    configUntouched: () => readFileSync(join(root, "config.yaml")).equals(config),
  };
}

const plugin = (name: string, prelude: string) => `${prelude}\n${pluginSource({ name, destination: `https://${name}.example.com` })}`;
/** A module top level that waits `ms` on a timer armed at import time. */
const waits = (ms: number) => `await new Promise((resolve) => setTimeout(resolve, ${ms}));`;
const NEVER = "await new Promise(() => {});";
/**
 * A top-level await that never settles while a timer keeps the process alive: only the CLI's own
 * time limit ends it. (A sandboxed plugin's `NEVER` alone ends at once: its process has nothing left
 * to wait for, as the last test here shows.)
 */
const STALLS = "await new Promise(() => { setInterval(() => {}, 60_000); });";

/** The time-out cause of a stuck import, as every command reports it. */
const timedOut = (ms: number) => `importing it did not finish within ${ms} ms (a top-level await that never settles?); fix the plugin, or raise INTEGRATIONS_PLUGIN_TIMEOUT_MS`;

describe("timers in a run", () => {
  it("a plugin that waits 3 s on a timer at import runs and writes its block", () => {
    const p = project();
    writeProjectPlugin(p.root, "slow", plugin("slow", waits(3000)));
    const result = p.run(["slow", "-token", "env:A", "-file", "slow.yaml"]);
    expect({ code: result.code, stdout: result.stdout }, result.stderr).toEqual({ code: 0, stdout: expect.stringMatching(/^added slow to slow\.yaml \(lines 2–\d+\)\n$/) });
    const text = readFileSync(join(p.root, "slow.yaml"), "utf8");
    assertValidConfig(text);
    expect(text).toContain("  - name: slow\n    destination: https://slow.example.com\n");
  });
});

describe("a plugin whose import never settles", () => {
  it("fails its command with the time-out after the default 10 s, in text and JSON; the file untouched", () => {
    const p = project();
    const dir = writeProjectPlugin(p.root, "stuck", plugin("stuck", STALLS));
    const result = p.run(["stuck", "-token", "env:A"]);
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: plugin integrations-plugin-stuck (${dir}) cannot be loaded: ${timedOut(10_000)}\n`,
    });
    expect(p.configUntouched()).toBe(true);
  }, 120_000);

  // 3 s, not the default 10 s, for speed: still a timer that must fire well after launch.
  const env = { INTEGRATIONS_PLUGIN_TIMEOUT_MS: "3000" };

  it("`--json` and `--dry-run` report the same error", () => {
    const p = project();
    writeProjectPlugin(p.root, "stuck", plugin("stuck", STALLS));
    const json = p.run(["stuck", "-token", "env:A", "--json"], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: "error", exitCode: 1, error: expect.stringContaining(timedOut(3000)) });
    const dry = p.run(["stuck", "-token", "env:A", "--dry-run"], env);
    expect({ code: dry.code, stdout: dry.stdout }).toEqual({ code: 1, stdout: "" });
    expect(dry.stderr).toContain(timedOut(3000));
    expect(p.configUntouched()).toBe(true);
  }, 120_000);

  it("an INTEGRATIONS_PLUGIN_TIMEOUT_MS that is not a positive number is named in a warning, and the default applies", () => {
    const p = project();
    writeProjectPlugin(p.root, "slow", plugin("slow", waits(100)));
    const result = p.run(["slow", "-token", "env:A", "-file", "slow.yaml"], { INTEGRATIONS_PLUGIN_TIMEOUT_MS: "10s" });
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^added slow to slow\.yaml \(lines 2–\d+\)\n$/),
      stderr:
        "warning: INTEGRATIONS_PLUGIN_TIMEOUT_MS=10s is not a positive number of milliseconds; using 10000\nwarning: integration slow has no incoming_auth: any caller that reaches the proxy can use it; add --incoming-token env:… to require a token\n",
    });
  });

  it("`list --check` lists it as error with the time-out cause (exit 0); `doctor --strict` exits 1 naming it", () => {
    const p = project();
    writeProjectPlugin(p.root, "stuck", plugin("stuck", STALLS));
    const list = p.run(["list", "--check", "--json"], env);
    expect(list.code, list.stderr).toBe(0);
    const rows = parseListRows(list.stdout);
    expect(rows.find((row) => row.integration === "stuck")).toMatchObject({ status: "error", cause: timedOut(3000) });
    expect(rows.find((row) => row.integration === "slack")).toMatchObject({ status: "ok" });

    const doctor = p.run(["doctor", "--strict"], env);
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(1);
    expect(doctor.stdout + doctor.stderr).toContain("did not finish within 3000 ms");
  }, 120_000);

  it("`plugins install` of it is rolled back", () => {
    const p = project();
    const source = join(p.root, "src", "stuck");
    writeFiles(source, {
      "package.json": JSON.stringify({ name: "integrations-plugin-stuck", version: "1.0.0", type: "module", main: "index.js", integrationsPlugin: { apiVersion: 1, integrations: ["stuck"] } }),
      "index.js": plugin("stuck", STALLS),
    });
    const install = p.run(["plugins", "install", "./src/stuck"], env);
    const installed = join(p.dataDir, "node_modules", "integrations-plugin-stuck");
    expect({ code: install.code, stdout: install.stdout, stderr: install.stderr }).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: plugin integrations-plugin-stuck (${installed}) cannot be loaded: ${timedOut(3000)}; the install was rolled back\n`,
    });
    expect(existsSync(installed)).toBe(false);
    const list = p.run(["list", "--json"], env);
    expect(parseListRows(list.stdout).map((row) => row.package)).not.toContain("integrations-plugin-stuck");
  }, 120_000);

  it("a sandboxed plugin whose top-level await waits for nothing fails at once, naming it; the file untouched", () => {
    const p = project();
    const dir = writeProjectPlugin(p.root, "stuck", plugin("stuck", NEVER));
    const result = p.run(["stuck", "-token", "env:A"]);
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: plugin integrations-plugin-stuck (${dir}) cannot be loaded: importing it did not finish: a top-level await that never settles (node found nothing left to wait for); fix the plugin\n`,
    });
    expect(p.configUntouched()).toBe(true);
  });
});

describe("a run whose event loop empties before its command settles", () => {
  const stuckConfig = { "integrations.config.mjs": `${NEVER}\nexport default {};\n` };

  it.each([
    ["an add", ["linear", "-token", "env:T"]],
    ["an update", ["update", "slack", "-token", "env:T", "-signing-secret", "env:S"]],
    ["a delete", ["delete", "slack"]],
    ["validate", ["validate"]],
  ])("%s exits 70 with an error naming what never finished; config.yaml untouched", (_, args) => {
    const p = project();
    writeFiles(p.root, stuckConfig);
    const result = p.run(args);
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 70, stdout: "" });
    expect(result.stderr).toBe(
      `error: the run stopped before it finished: importing ${join(p.root, "integrations.config.mjs")} never finished (its top-level await waits for something nothing will bring); no config file was changed. Fix that module and run again\n`,
    );
    expect(p.configUntouched()).toBe(true);
  });

  it("with --json, the error is also JSON on stdout", () => {
    const p = project();
    writeFiles(p.root, stuckConfig);
    const result = p.run(["linear", "-token", "env:T", "--json"]);
    expect(result.code).toBe(70);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "error", exitCode: 70, error: expect.stringContaining("the run stopped before it finished") });
    expect(p.configUntouched()).toBe(true);
  });
});
