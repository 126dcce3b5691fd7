/**
 * End to end: `integrations doctor [--json] [--strict]` through the built CLI, in temp projects with
 * their own HOME and user plugin directory (nothing of the machine's npm config is read).
 */
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, fixturePackage, makeTempDir, pluginSource, runCli, throwingSource, writeFiles, writePackage, type CliResult } from "@integrations/test-utils";

const SOURCES = ["cli", "config", "project", "user", "global", "builtin"];

interface Report {
  node: { version: string; required: string | null; satisfied: boolean };
  configFile: { path: string; absolutePath: string; from: string; exists: boolean; parses: boolean | null; integrations: number | null; error: string | null };
  cliConfig: { path: string | null; error: string | null; autoDiscover: boolean };
  sources: { name: string; enabled: boolean; paths: { path: string; exists: boolean }[]; plugins: number; integrations: number }[];
  plugins: { counts: Record<string, number>; list: { integration: string; package: string; status: string; cause: string | null; source: string }[] };
  npm: {
    files: { role: string; path: string; exists: boolean; registry: string | null; scopes: Record<string, string>; auth: string[] }[];
    inEffect: { scope: string | null; registry: string; from: string }[];
  };
}

/** A project (package.json) with its own HOME, so the user's ~/.npmrc is the one the test writes. */
function project(files: Record<string, string> = {}): { root: string; home: string; run: (...args: string[]) => CliResult } {
  const root = realpathSync(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }), ...files }));
  const home = join(root, "home");
  const run = (...args: string[]) => runCli(args, { cwd: root, env: { HOME: home, NPM_CONFIG_USERCONFIG: undefined } });
  return { root, home, run };
}

function doctorJson(run: (...args: string[]) => CliResult, ...args: string[]): Report {
  const result = run("doctor", "--json", ...args);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

/** Installs a plugin into the project's node_modules (and declares it), as npm would. */
function installInProject(root: string, name: string, integration: string, source: string): void {
  writePackage(join(root, "node_modules", name), fixturePackage(name, "1.0.0", { apiVersion: 1, integrations: [integration] }, source));
  writeFiles(root, { "package.json": JSON.stringify({ name: "p", private: true, dependencies: { [name]: "1.0.0" } }) });
}

describe("doctor --json", () => {
  it("parses and lists every discovery source by name, in precedence order, with paths and counts", () => {
    const { root, run } = project();
    installInProject(root, "integrations-plugin-theta", "theta", pluginSource({ name: "theta", destination: "https://theta.example" }));
    const report = doctorJson(run);
    expect(report.sources.map((s) => s.name)).toEqual(SOURCES);
    const bySource = Object.fromEntries(report.sources.map((s) => [s.name, s]));
    expect(bySource.project).toMatchObject({ enabled: true, paths: [{ path: root, exists: true }], plugins: 1, integrations: 1 });
    expect(bySource.builtin!.plugins).toBe(21);
    expect(bySource.user!.paths).toHaveLength(1);
    // Every plugin is imported for the report: none is left unchecked.
    expect(report.plugins.counts).toEqual({ ok: 22, error: 0, incompatible: 0, shadowed: 0, unchecked: 0 });
    expect(report.plugins.list.find((p) => p.integration === "theta")).toMatchObject({ status: "ok", source: "project" });
    expect(report.node).toMatchObject({ version: process.versions.node, satisfied: true });
    expect(report.configFile).toMatchObject({ path: "config.yaml", from: "default", exists: false, parses: null });
  });

  it("shows autoDiscover: false as disabled sources, and the config file chosen by the CLI config", () => {
    const { root, run } = project({ ".integrationsrc.yaml": "autoDiscover: false\nfile: conf/proxy.yaml\n" });
    installInProject(root, "integrations-plugin-theta", "theta", pluginSource({ name: "theta", destination: "https://theta.example" }));
    const report = doctorJson(run);
    const enabled = Object.fromEntries(report.sources.map((s) => [s.name, s.enabled]));
    expect(enabled).toEqual({ cli: true, config: true, project: false, user: true, global: false, builtin: true });
    expect(report.sources.find((s) => s.name === "project")!.plugins).toBe(0);
    expect(report.plugins.list.map((p) => p.integration)).not.toContain("theta");
    expect(report.cliConfig).toMatchObject({ path: join(root, ".integrationsrc.yaml"), error: null, autoDiscover: false });
    expect(report.configFile).toMatchObject({ absolutePath: join(root, "conf", "proxy.yaml"), from: "cliConfig", exists: false });

    const text = run("doctor");
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^ {2}project +disabled /m);
    expect(text.stdout).toMatch(/^ {2}global +disabled /m);
  });

  it("says where the config file came from (flag, INTEGRATIONS_FILE) and whether it parses", () => {
    const good = "integrations: []\n";
    assertValidConfig(good);
    const { root, home } = project({ "good.yaml": good, "bad.yaml": "integrations: [\n" });
    const env = { HOME: home, NPM_CONFIG_USERCONFIG: undefined };
    const flag = JSON.parse(runCli(["doctor", "--json", "-file", "good.yaml"], { cwd: root, env }).stdout) as Report;
    expect(flag.configFile).toMatchObject({ path: "good.yaml", from: "flag", exists: true, parses: true, integrations: 0 });
    const fromEnv = JSON.parse(runCli(["doctor", "--json"], { cwd: root, env: { ...env, INTEGRATIONS_FILE: "bad.yaml" } }).stdout) as Report;
    expect(fromEnv.configFile).toMatchObject({ path: "bad.yaml", from: "INTEGRATIONS_FILE", exists: true, parses: false });
    expect(fromEnv.configFile.error).toBeTruthy();
  });

  it("reports a CLI config that cannot be read instead of failing", () => {
    const { run } = project({ ".integrationsrc.yaml": "fiel: config.yaml\n" });
    const report = doctorJson(run);
    expect(report.cliConfig).toMatchObject({ path: null, autoDiscover: true });
    expect(report.cliConfig.error).toContain('unknown setting "fiel"');
    expect(report.sources.map((s) => s.name)).toEqual(SOURCES);
    const text = run("doctor");
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^ {2}CLI config +cannot be read: .*unknown setting "fiel"/m);
  });
});

describe("doctor and npm settings", () => {
  const TOKEN = "secret-token-value";

  it("shows the registries and scope mappings in effect, and never a token (text and JSON)", () => {
    const { root, home, run } = project({
      ".npmrc": `@acme:registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:_authToken=${TOKEN}\n`,
    });
    writeFiles(home, { ".npmrc": `registry=https://registry.internal.example/\n//registry.internal.example/:_auth=${TOKEN}-user\n` });
    const report = doctorJson(run);
    const json = JSON.stringify(report);
    expect(json).not.toContain(TOKEN);
    expect(report.npm.inEffect).toEqual([
      { scope: null, registry: "https://registry.internal.example/", from: join(home, ".npmrc") },
      { scope: "@acme", registry: "http://127.0.0.1:4873/", from: join(root, ".npmrc") },
    ]);
    const projectRc = report.npm.files.find((f) => f.role === "project")!;
    expect(projectRc).toMatchObject({ path: join(root, ".npmrc"), exists: true, scopes: { "@acme": "http://127.0.0.1:4873/" } });
    expect(projectRc.auth).toEqual(["//127.0.0.1:4873/:_authToken=***"]);

    const text = run("doctor");
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout + text.stderr).not.toContain(TOKEN);
    expect(text.stdout).toContain("//127.0.0.1:4873/:_authToken=***");
    expect(text.stdout).toMatch(/^ {2}@acme +http:\/\/127\.0\.0\.1:4873\//m);
  });

  it("masks credentials written into a registry URL", () => {
    const { run } = project({ ".npmrc": `registry=https://ci:${TOKEN}@npm.internal.example/\n` });
    const result = run("doctor");
    expect(result.stdout).not.toContain(TOKEN);
    expect(result.stdout).toContain("https://***@npm.internal.example/");
    expect(run("doctor", "--json").stdout).not.toContain(TOKEN);
  });
});

describe("doctor --strict", () => {
  it("exits 1 with a broken plugin installed in the project, naming it; 0 without it", () => {
    const { root, run } = project();
    const clean = run("doctor", "--strict");
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toBe("");

    installInProject(root, "integrations-plugin-broken", "broken", throwingSource("boom at import"));
    const broken = run("doctor", "--strict");
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^ {2}error +broken \(integrations-plugin-broken@1\.0\.0, project\): .*boom at import/m);
    expect(broken.stderr).toMatch(/^error: --strict: 1 plugin is not usable: broken \(error\)/);

    const json = run("doctor", "--strict", "--json");
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.plugins.counts.error).toBe(1);
    expect(report.plugins.list.find((p) => p.integration === "broken")?.cause).toContain("boom at import");

    const lenient = run("doctor");
    expect(lenient.code, "without --strict a broken plugin does not fail doctor").toBe(0);
  });

  it("exits 1 for an incompatible plugin too", () => {
    const { root, run } = project();
    writePackage(
      join(root, "node_modules", "integrations-plugin-future"),
      fixturePackage("integrations-plugin-future", "2.0.0", { apiVersion: 2, integrations: ["future"] }, pluginSource({ name: "future", destination: "https://f.example" })),
    );
    writeFiles(root, { "package.json": JSON.stringify({ name: "p", private: true, dependencies: { "integrations-plugin-future": "2.0.0" } }) });
    const result = run("doctor", "--strict");
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ {2}incompatible +future .*apiVersion 2/m);
  });
});
