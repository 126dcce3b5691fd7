// The CLI's bundles carry the built-in plugins, registered by package name and version: a built-in
// runs from the bundle only when the package installed beside the CLI is that very version. A
// project may install another version; that one runs from its own files, however the CLI started.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, cliEnv, fixturePackage, makeTempDir, parseListRows, pluginSource, rowOf, runCli, workspacePath, writePackage } from "@integrations/test-utils";

const SOURCE = workspacePath("packages", "cli");
const BUNDLED_VERSION = (JSON.parse(readFileSync(join(SOURCE, "node_modules", "integrations-plugin-slack", "package.json"), "utf8")) as { version: string }).version;
const OTHER_VERSION = "99.0.0";

/**
 * A project with the CLI installed in its node_modules (the checkout's build, without its snapshot or
 * code caches), the other built-ins and the SDK linked beside it as a package manager would, and
 * integrations-plugin-slack at OTHER_VERSION: a fixture that leaves `marker` when imported (without
 * `marker`, the bundled version, linked like the others).
 */
function projectWithOtherSlack(marker?: string): { project: string; launcher: string } {
  const project = makeTempDir();
  const modules = join(project, "node_modules");
  const cli = join(modules, "@integrations", "cli");
  mkdirSync(cli, { recursive: true });
  for (const part of ["bin", "dist", "package.json"]) {
    cpSync(join(SOURCE, part), join(cli, part), { recursive: true, filter: (from) => !/[\\/]dist[\\/](snapshot|code-cache)$/.test(from) });
  }
  const { integrationsBuiltins } = JSON.parse(readFileSync(join(SOURCE, "package.json"), "utf8")) as { integrationsBuiltins: string[] };
  for (const name of [...integrationsBuiltins.filter((name) => marker === undefined || name !== "integrations-plugin-slack"), "@integrations/plugin-sdk"]) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(realpathSync(join(SOURCE, "node_modules", name)), join(modules, name));
  }
  if (marker === undefined) return { project, launcher: join(cli, "bin", "integrations") };
  const source = pluginSource({ name: "slack", destination: "https://slack.other.example.com", signingSecret: true, marker });
  writePackage(join(modules, "integrations-plugin-slack"), fixturePackage("integrations-plugin-slack", OTHER_VERSION, { apiVersion: 1, integrations: ["slack"] }, source));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "p", private: true, devDependencies: { "@integrations/cli": "*", "integrations-plugin-slack": OTHER_VERSION } }));
  return { project, launcher: join(cli, "bin", "integrations") };
}

describe("a built-in installed at another version than the bundled one", () => {
  it("is imported from its files: by the plain entry, by `node <bin>` and from the start-up snapshot", () => {
    expect(OTHER_VERSION).not.toBe(BUNDLED_VERSION);
    const marker = join(makeTempDir(), "imported");
    const { project, launcher } = projectWithOtherSlack(marker);
    const add = ["slack", "-file", "config.yaml", "-token", "env:SLACK_TOKEN", "-signing-secret", "env:SLACK_SIGNING_SECRET"];
    const plain = { INTEGRATIONS_NO_SNAPSHOT: "1" };
    const snapshot = { INTEGRATIONS_NO_SNAPSHOT: undefined };

    const list = runCli(["list", "--json"], { cwd: project, bin: launcher, env: plain });
    expect(list.code, list.stderr).toBe(0);
    const slack = (JSON.parse(list.stdout) as { package: string; version: string; source: string; status: string }[]).filter((row) => row.package === "integrations-plugin-slack");
    // Not the code the CLI carries, and not imported yet: unchecked, like any plugin (README "Plugin statuses").
    expect(slack).toEqual([expect.objectContaining({ version: OTHER_VERSION, source: "builtin", status: "unchecked" })]);

    const runs = {
      "the plain entry": () => runCli(add, { cwd: project, bin: launcher, env: plain }),
      "node <bin>": () => {
        const run = spawnSync(process.execPath, [launcher, ...add], { cwd: project, env: cliEnv({ env: plain }), encoding: "utf8" });
        return { code: run.status, stderr: run.stderr };
      },
      "the start-up snapshot": () => {
        const build = runCli(["snapshot", "build", "--json"], { cwd: project, bin: launcher });
        expect(build.code, build.stderr).toBe(0);
        const doctor = runCli(["doctor", "--json"], { cwd: project, bin: launcher, env: snapshot });
        expect((JSON.parse(doctor.stdout) as { cli: { startup: string } }).cli.startup).toBe("snapshot");
        return runCli(add, { cwd: project, bin: launcher, env: snapshot });
      },
    };
    for (const [how, run] of Object.entries(runs)) {
      rmSync(join(project, "config.yaml"), { force: true });
      rmSync(marker, { force: true });
      const result = run();
      expect(result.code, `${how}: ${result.stderr}`).toBe(0);
      expect(existsSync(marker), how).toBe(true);
      const config = readFileSync(join(project, "config.yaml"), "utf8");
      expect(config, how).toContain("destination: https://slack.other.example.com");
      assertValidConfig(config);
    }
    const after = runCli(["list", "--json"], { cwd: project, bin: launcher, env: plain });
    expect(rowOf(parseListRows(after.stdout), "integrations-plugin-slack")).toMatchObject({ version: OTHER_VERSION, status: "ok" });
  });
});

describe("a built-in whose code is missing from the CLI's bundle (a damaged install)", () => {
  it("fails to load in one line naming the plugin and the fix, and writes nothing", () => {
    const { project, launcher } = projectWithOtherSlack();
    const bundle = join(dirname(launcher), "..", "dist", "bundle");
    const contents = JSON.parse(readFileSync(join(bundle, "contents.json"), "utf8")) as Record<string, string[]>;
    const chunks = Object.keys(contents).filter((file) => contents[file]!.includes("integrations-plugin-slack") && !contents[file]!.includes("@integrations/core"));
    expect(chunks.length, "slack's own chunk and its CommonJS twin").toBe(2);
    for (const chunk of chunks) rmSync(join(bundle, chunk));
    for (const env of [{ INTEGRATIONS_NO_SNAPSHOT: "1" }, { INTEGRATIONS_NO_SNAPSHOT: "1", INTEGRATIONS_NO_CODE_CACHE: "1" }]) {
      const run = runCli(["slack", "-file", "config.yaml", "-token", "env:SLACK_TOKEN", "-signing-secret", "env:SLACK_SIGNING_SECRET"], { cwd: project, bin: launcher, env });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/plugin integrations-plugin-slack .*cannot be loaded: .*reinstall @integrations\/cli/)]);
      expect(existsSync(join(project, "config.yaml"))).toBe(false);
    }
    // A built-in is `ok` without an import, unless a run saw it fail: then `list` says so.
    const list = runCli(["list", "--json"], { cwd: project, bin: launcher, env: { INTEGRATIONS_NO_SNAPSHOT: "1" } });
    expect(rowOf(parseListRows(list.stdout), "integrations-plugin-slack")).toMatchObject({ source: "builtin", status: "error", cause: expect.stringContaining("reinstall @integrations/cli") });
    expect(rowOf(parseListRows(list.stdout), "integrations-plugin-github")).toMatchObject({ source: "builtin", status: "ok" });
  });
});
