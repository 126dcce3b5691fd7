/**
 * End to end: managing the user plugin directory with `integrations plugins link|install|uninstall|
 * update|inspect` (docs/design.md "Discovery" source 4 and "Plugin management") through the built CLI: linked directories used in place
 * (a rebuild is seen on the next run), local directories and `npm pack` tarballs installed as copies,
 * installs of invalid plugins rolled back, `inspect`, `--json` on every subcommand (successes and
 * errors), and versions and dist-tags from a real registry (one Verdaccio for the whole file).
 *
 * Isolation: every run gets its own user plugin directory (`INTEGRATIONS_DATA_DIR`), a temp `HOME`
 * (no ~/.npmrc of the machine) and an npm cache inside it; runCli's default isolation points npm's
 * global prefix, pnpm's home and XDG_DATA_HOME into a temp dir too. Fixtures that do not peer on the
 * SDK never make npm talk to any registry; the ones that do run in a project whose .npmrc maps
 * `@acme` and `@integrations` to the test registry.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertValidConfig,
  treeListing,
  fixturePackage,
  makeTempDir,
  pluginSource,
  publishWorkspaceSdk,
  runCli,
  startRegistry,
  throwingSource,
  workspacePath,
  writeFiles,
  writePackage,
  type CliResult,
  type TestRegistry,
  parseListRows,
  type ListRow as Row,
  addedToNewFile,
} from "@integrations/test-utils";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const real = (path: string) => realpathSync(path);

let registry: TestRegistry;
/** HOME for every run: no .npmrc; npm's cache lives in it (shared by the file's runs, for speed). */
let home: string;
/** A project whose .npmrc maps @acme and @integrations to the registry, with the token. */
let project: string;

/** One test's user plugin directory and the directory it runs in. */
interface Box {
  /** A temp dir (realpath) where the fixtures are written and the CLI runs, unless told otherwise. */
  root: string;
  /** `INTEGRATIONS_DATA_DIR`, not created: `<root>/data`. */
  dataDir: string;
}

function box(): Box {
  const root = real(makeTempDir());
  return { root, dataDir: join(root, "data") };
}

function cli(b: Box, args: string[], cwd = b.root): CliResult {
  return runCli(args, { cwd, env: { INTEGRATIONS_DATA_DIR: b.dataDir, HOME: home, npm_config_cache: join(home, ".npm") } });
}

/** `list --json` (exit 0, nothing on stderr): the rows that are not built-ins, only the checked fields. */
function userRows(b: Box, cwd = b.root): Row[] {
  const result = cli(b, ["list", "--json"], cwd);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return parseListRows(result.stdout).filter((row) => row.source !== "builtin");
}

function okRow(integration: string, pkg: string, version: string, path: string): Row {
  return { integration, package: pkg, version, source: "user", status: "ok", runs: "sandbox", cause: null, path };
}

/**
 * `integrations <name> -token env:A -file c.yaml` in `cwd`: exit 0, `added <name> to c.yaml (lines …)`, a c.yaml
 * valid under the proxy's schema and our rules, holding `destination`.
 */
function expectRuns(b: Box, name: string, destination: string, extra: string[] = [], cwd = b.root): void {
  rmSync(join(cwd, "c.yaml"), { force: true });
  const result = cli(b, [name, "-token", "env:A", ...extra, "-file", "c.yaml"], cwd);
  expect(result.code, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(0);
  const text = readFileSync(join(cwd, "c.yaml"), "utf8");
  expect(result.stdout).toBe(addedToNewFile("c.yaml", text));
  assertValidConfig(text);
  expect(text).toContain(`  - name: ${name}\n    destination: ${destination}\n`);
}

/** The plugin's own flag lines of `integrations <name> --help`, runs of spaces squeezed to two. */
function pluginFlagLines(help: string, name: string): string[] {
  const lines = help.split("\n");
  const start = lines.indexOf(`${name} flags (Go-style -flag also works):`);
  const end = lines.indexOf("Common flags:");
  expect(start, help).toBeGreaterThan(-1);
  expect(end, help).toBeGreaterThan(start);
  return lines
    .slice(start + 1, end)
    .filter((line) => line.trim() !== "")
    .map((line) => line.trim().replace(/\s{2,}/g, "  "));
}

/** What a fixture plugin package looks like. */
interface Fixture {
  pkg: string;
  integration: string;
  version?: string;
  /** What `build` returns as destination (default `https://<integration>.example.com`). */
  destination?: string;
  /** Raw flag entries besides `token`. */
  flags?: string;
  /** Import `definePlugin`/`tokenAuth` from `@integrations/plugin-sdk` (default: a plain object, no import). */
  sdk?: boolean;
  /** With `sdk`: plant `node_modules/@integrations/plugin-sdk` → the workspace SDK (default true). */
  sdkLink?: boolean;
  /** The peer range on the SDK; default `^1.0.0` with `sdk`, none without; `null` = none. */
  peer?: string | null;
  /** The manifest's integrations (default `[integration]`); `null` = no manifest. */
  manifest?: string[] | null;
  /** The name the exported plugin object carries (default `integration`). */
  exports?: string;
  /** Replaces the module. */
  moduleSource?: string;
}

/** The module of an SDK-based fixture: `definePlugin` (which stamps apiVersion) and `tokenAuth`. */
function sdkSource(name: string, destination: string, flags = ""): string {
  return [
    'import { definePlugin, tokenAuth } from "@integrations/plugin-sdk";',
    "export default definePlugin({",
    `  name: ${JSON.stringify(name)},`,
    `  description: ${JSON.stringify(`${name} API`)},`,
    "  flags: {",
    '    token: { type: "secret", required: true, description: "token ref" },',
    flags,
    "  },",
    `  build: (f) => ({ name: f.name, destination: ${JSON.stringify(destination)}, outgoing_auth: [tokenAuth(f.token)] }),`,
    "});",
    "",
  ].join("\n");
}

function moduleOf(f: Fixture): string {
  const name = f.exports ?? f.integration;
  const destination = f.destination ?? `https://${f.integration}.example.com`;
  if (f.moduleSource !== undefined) return f.moduleSource;
  return f.sdk ? sdkSource(name, destination, f.flags) : pluginSource({ name, destination, ...(f.flags ? { extraFlags: f.flags } : {}) });
}

/** Writes fixture `f` into `dir` (created); returns `dir`'s realpath. */
function writePlugin(dir: string, f: Fixture): string {
  const peer = f.peer === undefined ? (f.sdk ? "^1.0.0" : null) : f.peer;
  const manifest = f.manifest === null ? null : { apiVersion: 1, integrations: f.manifest ?? [f.integration] };
  const extra = peer ? { peerDependencies: { "@integrations/plugin-sdk": peer } } : {};
  writePackage(dir, fixturePackage(f.pkg, f.version ?? "1.0.0", manifest, moduleOf(f), extra));
  const sdkLink = join(dir, "node_modules", "@integrations", "plugin-sdk");
  if (f.sdk && f.sdkLink !== false && !existsSync(sdkLink)) {
    mkdirSync(join(dir, "node_modules", "@integrations"), { recursive: true });
    symlinkSync(workspacePath("packages", "plugin-sdk"), sdkLink, "dir");
  }
  return real(dir);
}

/** The environment for npm run by the test itself: no `npm_config_*` a package manager injected, our HOME and cache. */
function npmEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_config_/i.test(key)));
  return { ...env, HOME: home, npm_config_cache: join(home, ".npm") };
}

/** `npm pack` of the package in `dir` into `dest`; returns the tarball's path. */
function pack(dir: string, dest: string): string {
  const result = spawnSync("npm", ["pack", "--json", "--pack-destination", dest], { cwd: dir, env: npmEnv(), encoding: "utf8", timeout: 60_000 });
  expect(result.status, result.stderr).toBe(0);
  return join(dest, (JSON.parse(result.stdout) as { filename: string }[])[0]!.filename);
}

const dependencies = (dataDir: string): Record<string, string> => (JSON.parse(readFileSync(join(dataDir, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies;

const linksOf = (dataDir: string): unknown => JSON.parse(readFileSync(join(dataDir, "links.json"), "utf8"));

/** A failure with `--json`: exit `code`; stdout is one JSON object `{status:"error", exitCode, error}` whose error is stderr's message. */
function expectJsonError(result: CliResult, code: number): string {
  expect(result.code, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(code);
  const message = /^error: (.*)\n$/.exec(result.stderr)?.[1];
  expect(message, result.stderr).toBeDefined();
  expect(result.stdout.endsWith("\n")).toBe(true);
  expect(JSON.parse(result.stdout)).toEqual({ status: "error", exitCode: code, error: message });
  return message!;
}

/** An SDK-based demo plugin as a third party publishes it: @acme/integrations-plugin-demo. */
function demoPlugin(version: string, destination: string, extra: Record<string, unknown> = {}): string {
  const dir = makeTempDir();
  writePackage(
    dir,
    fixturePackage("@acme/integrations-plugin-demo", version, { apiVersion: 1, integrations: ["demo"] }, sdkSource("demo", destination), {
      keywords: ["integrations-plugin"],
      peerDependencies: { "@integrations/plugin-sdk": "^1.0.0" },
      ...extra,
    }),
  );
  return dir;
}

beforeAll(async () => {
  home = real(makeTempDir());
  registry = await startRegistry();
  await publishWorkspaceSdk(registry);
  await registry.publish(demoPlugin("1.0.0", "https://demo.acme.internal/v1"));
  project = real(makeTempDir({ "package.json": JSON.stringify({ name: "acme-proxy", private: true }) }));
  writeFileSync(join(project, ".npmrc"), registry.npmrc(["@acme", "@integrations"]));
}, 120_000);

afterAll(async () => {
  await registry?.stop();
});

// ---------------------------------------------------------------------------------------------
// 1. plugins link
// ---------------------------------------------------------------------------------------------

describe.each([
  { variant: "imports definePlugin from @integrations/plugin-sdk (a node_modules symlink to the workspace SDK)", sdk: true },
  { variant: "a plain plugin object, no SDK import", sdk: false },
])("plugins link: a built plugin directory that $variant", ({ sdk }) => {
  it("is listed as user, its --help shows its flags, an edit is seen on the next run, uninstall forgets the link and leaves the directory", () => {
    const b = box();
    const fixture: Fixture = { pkg: "integrations-plugin-lnk", integration: "lnk", version: "0.1.0", destination: "https://lnk-v1.example.com", sdk };
    const dir = writePlugin(join(b.root, "lnk"), fixture);

    const link = cli(b, ["plugins", "link", "./lnk"]);
    expect(link.stderr).toBe("");
    expect(link).toMatchObject({
      code: 0,
      stdout: `linked integrations-plugin-lnk (${dir}): integrations lnk (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n`,
    });
    expect(linksOf(b.dataDir)).toEqual({ links: { "integrations-plugin-lnk": dir } });
    expect(userRows(b)).toEqual([okRow("lnk", "integrations-plugin-lnk", "0.1.0", dir)]);

    const help = cli(b, ["lnk", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("\nlnk API\nfrom integrations-plugin-lnk@0.1.0 (user)\n");
    expect(pluginFlagLines(help.stdout, "lnk")).toEqual(["--token <ref>  token ref (required)"]);
    expectRuns(b, "lnk", "https://lnk-v1.example.com");

    // A rebuild: a new flag and a new destination, seen by the very next run (no cache anywhere).
    writeFileSync(
      join(dir, "index.js"),
      moduleOf({
        ...fixture,
        destination: "https://lnk-v2.example.com",
        flags: '    region: { type: "string", description: "region to call" },',
      }),
    );
    const after = cli(b, ["lnk", "--help"]);
    expect(after.code).toBe(0);
    expect(pluginFlagLines(after.stdout, "lnk")).toEqual(["--token <ref>  token ref (required)", "--region <text>  region to call"]);
    expectRuns(b, "lnk", "https://lnk-v2.example.com", ["-region", "eu"]);

    const uninstall = cli(b, ["plugins", "uninstall", "lnk"]);
    expect(uninstall.stderr).toBe("");
    expect(uninstall).toMatchObject({ code: 0, stdout: `unlinked integrations-plugin-lnk: ${real(dir)} was not touched\n` });
    expect(linksOf(b.dataDir)).toEqual({ links: {} });
    expect(userRows(b)).toEqual([]);
    expect(readFileSync(join(dir, "index.js"), "utf8")).toContain("https://lnk-v2.example.com");
    expect(readFileSync(join(dir, "package.json"), "utf8")).toContain('"name": "integrations-plugin-lnk"');
    const gone = cli(b, ["lnk", "-token", "env:A", "-file", "c.yaml"]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/^error: unknown integration or command "lnk"; available: /);
  });

  it("links by absolute path from any directory, and by a path with spaces", () => {
    const b = box();
    const dir = writePlugin(join(b.root, "my plugins", "spaced"), { pkg: "@acme/integrations-plugin-spaced", integration: "spaced", sdk });
    const elsewhere = real(makeTempDir());
    const link = cli(b, ["plugins", "link", dir], elsewhere);
    expect(link.stderr).toBe("");
    expect(link).toMatchObject({
      code: 0,
      stdout: `linked @acme/integrations-plugin-spaced (${dir}): integrations spaced (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n`,
    });
    expect(userRows(b, elsewhere)).toEqual([okRow("spaced", "@acme/integrations-plugin-spaced", "1.0.0", dir)]);
    expectRuns(b, "spaced", "https://spaced.example.com", [], elsewhere);
  });
});

describe("plugins link: a directory that is not a plugin exits with the reason and records nothing", () => {
  /** A data dir that already links one good plugin, so that "records nothing" means links.json unchanged. */
  function withGoodLink(): { b: Box; before: string } {
    const b = box();
    writePlugin(join(b.root, "good"), { pkg: "integrations-plugin-good", integration: "good" });
    expect(cli(b, ["plugins", "link", "./good"]).code).toBe(0);
    return { b, before: readFileSync(join(b.dataDir, "links.json"), "utf8") };
  }

  const cases: { what: string; write(dir: string): void; code: number; stderr(dir: string): string }[] = [
    {
      what: "no package.json",
      write: (dir) => writeFiles(dir, { "index.js": "export default {};\n" }),
      code: 1,
      stderr: (dir) => `error: ${dir} has no package.json with a name; it is not a plugin package\n`,
    },
    {
      what: "a package.json without a name",
      write: (dir) => writeFiles(dir, { "package.json": '{ "version": "1.0.0" }\n', "index.js": "export default {};\n" }),
      code: 1,
      stderr: (dir) => `error: ${dir} has no package.json with a name; it is not a plugin package\n`,
    },
    {
      what: "a library without a manifest and with a non-plugin name (left-pad)",
      write: (dir) => writePackage(dir, fixturePackage("left-pad", "1.3.0", null, "export default function leftPad(s, n) { return String(s).padStart(n); }\n")),
      code: 1,
      stderr: () => 'error: left-pad is not an integrations plugin: it has no "integrationsPlugin" manifest and its name is not integrations-plugin-*\n',
    },
    {
      what: "a plugin whose import throws",
      write: (dir) => writePlugin(dir, { pkg: "integrations-plugin-thr", integration: "thr", moduleSource: throwingSource("boom at import") }),
      code: 1,
      stderr: (dir) => `error: plugin integrations-plugin-thr (${dir}) cannot be loaded: importing it threw: boom at import\n`,
    },
    {
      what: 'a plugin whose manifest says "nope" but that exports "other"',
      write: (dir) => writePlugin(dir, { pkg: "integrations-plugin-mis", integration: "mis", manifest: ["nope"], exports: "other" }),
      code: 1,
      stderr: (dir) => `error: plugin integrations-plugin-mis (${dir}) cannot be loaded: its manifest lists "nope" but it exports other\n`,
    },
    {
      what: "a plugin needing @integrations/plugin-sdk@^2 (incompatible)",
      write: (dir) => writePlugin(dir, { pkg: "integrations-plugin-future", integration: "future", sdk: true, peer: "^2.0.0" }),
      code: 1,
      stderr: () => "error: integrations-plugin-future@1.0.0 is incompatible with this host: it needs @integrations/plugin-sdk@^2.0.0; this host has 1.0.0\n",
    },
    {
      what: "an SDK plugin whose SDK is not installed next to it (missing dependency)",
      write: (dir) => writePlugin(dir, { pkg: "integrations-plugin-nosdk", integration: "nosdk", sdk: true, sdkLink: false }),
      code: 1,
      stderr: (dir) =>
        `error: plugin integrations-plugin-nosdk (${dir}) cannot be loaded: missing dependency "@integrations/plugin-sdk": the plugin imports it (imported from ${join(dir, "index.js")}) but it is not installed where the plugin is; the plugin must declare it in its peerDependencies (and devDependencies, to build against it), then reinstall the plugin (a linked directory: run npm install there)\n`,
    },
  ];

  it.each(cases)("$what: exit $code, links.json unchanged; into an empty data dir: nothing created", ({ write, code, stderr }) => {
    const { b, before } = withGoodLink();
    const dir = join(b.root, "candidate");
    mkdirSync(dir);
    write(dir);
    const result = cli(b, ["plugins", "link", "./candidate"]);
    expect(result.stderr).toBe(stderr(real(dir)));
    expect(result).toMatchObject({ code, stdout: "" });
    expect(readFileSync(join(b.dataDir, "links.json"), "utf8")).toBe(before);

    const fresh = box();
    const again = cli(fresh, ["plugins", "link", dir]);
    expect(again.stderr).toBe(stderr(real(dir)));
    expect(again.code).toBe(code);
    expect(existsSync(fresh.dataDir)).toBe(false);
  });

  it("a path that does not exist, or a file: exit 2 (usage), nothing recorded", () => {
    const { b, before } = withGoodLink();
    writeFiles(b.root, { "file.txt": "not a directory\n" });
    for (const path of ["./missing", "./file.txt"]) {
      const result = cli(b, ["plugins", "link", path]);
      expect(result).toEqual({ code: 2, stdout: "", stderr: `error: ${path} is not a directory; pass a built plugin package directory\n` });
    }
    expect(readFileSync(join(b.dataDir, "links.json"), "utf8")).toBe(before);
  });

  it("a package without a manifest and with a non-plugin name is refused even when it exports a plugin-shaped object", () => {
    const { b, before } = withGoodLink();
    const dir = join(b.root, "acme-tool");
    writePlugin(dir, { pkg: "acme-tool", integration: "acme-tool", manifest: null });
    const install = cli(b, ["plugins", "install", "./acme-tool"]);
    expect(install.stderr).toBe('error: acme-tool is not an integrations plugin: it has no "integrationsPlugin" manifest and its name is not integrations-plugin-*\n');
    expect(install.code).toBe(1);

    const result = cli(b, ["plugins", "link", "./acme-tool"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("acme-tool is not an integrations plugin");
    expect(readFileSync(join(b.dataDir, "links.json"), "utf8")).toBe(before);
  });
});

it("plugins update <a linked plugin>: no advice to reinstall it, no rollback, the link keeps working", () => {
  const b = box();
  const dir = writePlugin(join(b.root, "lnk"), { pkg: "integrations-plugin-lnk", integration: "lnk" });
  expect(cli(b, ["plugins", "link", "./lnk"]).code).toBe(0);
  const links = readFileSync(join(b.dataDir, "links.json"), "utf8");
  const update = cli(b, ["plugins", "update", "lnk"]);
  expect(update.stderr).not.toContain("reinstall it");
  expect(update.stderr).not.toContain("rolled back");
  expect(update.code).not.toBe(1);
  expect(readFileSync(join(b.dataDir, "links.json"), "utf8")).toBe(links);
  expect(userRows(b)).toEqual([okRow("lnk", "integrations-plugin-lnk", "1.0.0", dir)]);
}, 120_000);

// ---------------------------------------------------------------------------------------------
// 2. A linked plugin whose directory was deleted
// ---------------------------------------------------------------------------------------------

describe("a linked plugin whose directory was then deleted", () => {
  it("lists as error: link target missing (exit 0), fails to run naming it, and installs of other plugins still work", () => {
    const b = box();
    const dir = writePlugin(join(b.root, "gone"), { pkg: "integrations-plugin-gone", integration: "gone" });
    expect(cli(b, ["plugins", "link", "./gone"]).code).toBe(0);
    rmSync(dir, { recursive: true });
    const broken: Row = { integration: "gone", package: "integrations-plugin-gone", version: null, source: "user", status: "error", runs: "sandbox", cause: `link target missing: ${dir}`, path: dir };
    expect(userRows(b)).toEqual([broken]);

    const text = cli(b, ["list"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^gone +integrations-plugin-gone +- +user +sandboxed +error$/m);
    expect(text.stdout).toContain(`\n  gone (integrations-plugin-gone): link target missing: ${dir}\n`);

    const run = cli(b, ["gone", "-token", "env:A", "-file", "c.yaml"]);
    expect(run).toEqual({ code: 1, stdout: "", stderr: `error: plugin integrations-plugin-gone (${dir}) cannot be loaded: link target missing: ${dir}\n` });
    expect(existsSync(join(b.root, "c.yaml"))).toBe(false);

    const inspect = cli(b, ["plugins", "inspect", "gone", "--json"]);
    expect(inspect.code).toBe(0);
    expect(JSON.parse(inspect.stdout)).toEqual([
      {
        integration: "gone",
        package: "integrations-plugin-gone",
        version: null,
        path: dir,
        source: "user",
        runs: "sandbox",
        sdkRange: null,
        apiVersion: null,
        status: "error",
        cause: `link target missing: ${dir}`,
        flags: null,
      },
    ]);

    // Another plugin from a local directory…
    const other = writePlugin(join(b.root, "other"), { pkg: "integrations-plugin-other", integration: "other" });
    const install = cli(b, ["plugins", "install", "./other"]);
    expect(install.stderr).toBe("");
    expect(install).toMatchObject({
      code: 0,
      stdout: 'installed integrations-plugin-other@1.0.0: integrations other (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n',
    });
    // …and from a tarball made with npm pack.
    const tarred = writePlugin(join(b.root, "tarred"), { pkg: "integrations-plugin-tarred", integration: "tarred", version: "2.0.0" });
    const tgz = pack(tarred, b.root);
    expect(tgz).toBe(join(b.root, "integrations-plugin-tarred-2.0.0.tgz"));
    const fromTarball = cli(b, ["plugins", "install", "./integrations-plugin-tarred-2.0.0.tgz"]);
    expect(fromTarball.stderr).toBe("");
    expect(fromTarball).toMatchObject({
      code: 0,
      stdout: 'installed integrations-plugin-tarred@2.0.0: integrations tarred (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n',
    });

    const node = join(b.dataDir, "node_modules");
    expect(userRows(b)).toEqual([
      okRow("other", "integrations-plugin-other", "1.0.0", join(node, "integrations-plugin-other")),
      okRow("tarred", "integrations-plugin-tarred", "2.0.0", join(node, "integrations-plugin-tarred")),
      broken,
    ]);
    expect(real(join(node, "integrations-plugin-other"))).not.toBe(other);
    expectRuns(b, "other", "https://other.example.com");
    expectRuns(b, "tarred", "https://tarred.example.com");

    const forget = cli(b, ["plugins", "uninstall", "gone"]);
    expect(forget).toMatchObject({ code: 0, stdout: expect.stringMatching(/^unlinked integrations-plugin-gone: \/.+ was not touched\n$/) });
    expect(linksOf(b.dataDir)).toEqual({ links: {} });
    expect(userRows(b).map((r) => r.integration)).toEqual(["other", "tarred"]);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// 3. Installs from a local directory and from a tarball; rollback of invalid plugins
// ---------------------------------------------------------------------------------------------

describe("plugins install from a local directory or a tarball", () => {
  it("a directory (./dir) and a tarball (npm pack) are installed as copies: listed as user, runnable, uninstallable", () => {
    const b = box();
    const dir = writePlugin(join(b.root, "src", "local"), { pkg: "integrations-plugin-local", integration: "local", version: "1.2.3" });
    const install = cli(b, ["plugins", "install", "./src/local"]);
    expect(install.stderr).toBe("");
    expect(install).toMatchObject({
      code: 0,
      stdout: 'installed integrations-plugin-local@1.2.3: integrations local (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n',
    });

    const tarDir = writePlugin(join(b.root, "src", "tar"), { pkg: "@acme/integrations-plugin-tar", integration: "tar", version: "1.0.0" });
    pack(tarDir, b.root);
    const tarball = cli(b, ["plugins", "install", "./acme-integrations-plugin-tar-1.0.0.tgz"]);
    expect(tarball.stderr).toBe("");
    expect(tarball).toMatchObject({
      code: 0,
      stdout: 'installed @acme/integrations-plugin-tar@1.0.0: integrations tar (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n',
    });

    expect(dependencies(b.dataDir)).toEqual({
      "@acme/integrations-plugin-tar": "file:../acme-integrations-plugin-tar-1.0.0.tgz",
      "integrations-plugin-local": "file:../src/local",
    });
    const node = join(b.dataDir, "node_modules");
    expect(userRows(b)).toEqual([
      okRow("tar", "@acme/integrations-plugin-tar", "1.0.0", join(node, "@acme", "integrations-plugin-tar")),
      okRow("local", "integrations-plugin-local", "1.2.3", join(node, "integrations-plugin-local")),
    ]);
    expect(real(join(node, "integrations-plugin-local"))).not.toBe(dir);
    expectRuns(b, "local", "https://local.example.com");
    expectRuns(b, "tar", "https://tar.example.com");

    const uninstall = cli(b, ["plugins", "uninstall", "@acme/tar"]);
    expect(uninstall).toMatchObject({ code: 0, stdout: "uninstalled @acme/integrations-plugin-tar\n" });
    expect(dependencies(b.dataDir)).toEqual({ "integrations-plugin-local": "file:../src/local" });
    expect(existsSync(join(node, "@acme")), "no empty scope directory is left").toBe(false);
    expect(userRows(b).map((r) => r.integration)).toEqual(["local"]);
  }, 120_000);

  it("an SDK-based plugin from a directory gets its peer SDK installed with it (from the project's registry)", () => {
    const b = box();
    const dir = writePlugin(join(b.root, "sdkplug"), { pkg: "integrations-plugin-sdkplug", integration: "sdkplug", sdk: true });
    const install = cli(b, ["plugins", "install", dir], project);
    expect(install.stderr).toBe("");
    expect(install).toMatchObject({
      code: 0,
      stdout: 'installed integrations-plugin-sdkplug@1.0.0: integrations sdkplug (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n',
    });
    const node = join(b.dataDir, "node_modules");
    expect(JSON.parse(readFileSync(join(node, "@integrations", "plugin-sdk", "package.json"), "utf8"))).toMatchObject({ name: "@integrations/plugin-sdk", version: "1.0.0" });
    expect(userRows(b, project)).toEqual([okRow("sdkplug", "integrations-plugin-sdkplug", "1.0.0", join(node, "integrations-plugin-sdkplug"))]);
    // From a directory without the project's .npmrc: the plugin imports the SDK installed beside it.
    expectRuns(b, "sdkplug", "https://sdkplug.example.com");
  }, 120_000);

  const invalid = [
    {
      what: 'a directory whose manifest says "nope" but that exports "other"',
      make(root: string): string {
        writePlugin(join(root, "bad"), { pkg: "integrations-plugin-bad", integration: "bad", manifest: ["nope"], exports: "other" });
        return "./bad";
      },
      pkg: "integrations-plugin-bad",
      reason: 'its manifest lists "nope" but it exports other',
    },
    {
      what: "a tarball whose import throws",
      make(root: string): string {
        const dir = writePlugin(join(root, "thrower"), { pkg: "integrations-plugin-thrower", integration: "thrower", moduleSource: throwingSource("boom at import") });
        pack(dir, root);
        return "./integrations-plugin-thrower-1.0.0.tgz";
      },
      pkg: "integrations-plugin-thrower",
      reason: "importing it threw: boom at import",
    },
    {
      what: "a scoped package (@acme) whose import throws",
      make(root: string): string {
        writePlugin(join(root, "scoped"), { pkg: "@acme/integrations-plugin-scoped", integration: "scoped", moduleSource: throwingSource("boom in scope") });
        return "./scoped";
      },
      pkg: "@acme/integrations-plugin-scoped",
      reason: "importing it threw: boom in scope",
    },
  ];

  /** Installs `spec` into `b`, expects the rollback: exit 1 with the reason, and the user plugin directory byte for byte as before (no such directory when there was none). */
  function expectRolledBack(b: Box, spec: string, pkg: string, reason: string, json = false): void {
    const before = treeListing(b.dataDir);
    const result = cli(b, ["plugins", "install", spec, ...(json ? ["--json"] : [])]);
    expect(result.stderr).toBe(`error: plugin ${pkg} (${join(b.dataDir, "node_modules", pkg)}) cannot be loaded: ${reason}; the install was rolled back\n`);
    expect(result.code).toBe(1);
    expect(treeListing(b.dataDir)).toEqual(before);
    expect(userRows(b).map((r) => r.package)).not.toContain(pkg);
  }

  it.each(invalid)(
    "$what, installed next to a plugin already there: rolled back",
    ({ make, pkg, reason }) => {
      const b = box();
      writePlugin(join(b.root, "keep"), { pkg: "integrations-plugin-keep", integration: "keep" });
      expect(cli(b, ["plugins", "install", "./keep"]).code).toBe(0);
      expectRolledBack(b, make(b.root), pkg, reason);
      expect(dependencies(b.dataDir)).toEqual({ "integrations-plugin-keep": "file:../keep" });
      expect(userRows(b).map((r) => `${r.integration} ${r.status}`)).toEqual(["keep ok"]);
      expectRuns(b, "keep", "https://keep.example.com");
    },
    120_000,
  );

  for (const { what, make, pkg, reason } of invalid) {
    it(`${what}, as the first install into a fresh user plugin directory: rolled back, no directory left`, () => {
      const b = box();
      expectRolledBack(b, make(b.root), pkg, reason);
    }, 120_000);
  }
});

describe("a plugin installed from a directory stays a copy after later plugin operations", () => {
  const operations: { what: string; run(b: Box): void }[] = [
    { what: "plugins update (all)", run: (b) => expect(cli(b, ["plugins", "update"]).code).toBe(0) },
    {
      what: "plugins uninstall of another plugin",
      run(b) {
        writePlugin(join(b.root, "other"), { pkg: "integrations-plugin-other", integration: "other" });
        expect(cli(b, ["plugins", "install", "./other"]).code).toBe(0);
        expect(cli(b, ["plugins", "uninstall", "other"]).code).toBe(0);
      },
    },
    {
      what: "a rolled-back install of another plugin",
      run(b) {
        writePlugin(join(b.root, "bad"), { pkg: "integrations-plugin-bad", integration: "bad", manifest: ["nope"], exports: "other" });
        expect(cli(b, ["plugins", "install", "./bad"]).code).toBe(1);
      },
    },
  ];
  for (const { what, run } of operations) {
    it(`after ${what}, deleting the source directory leaves it working`, () => {
      const b = box();
      const source = writePlugin(join(b.root, "copied"), { pkg: "integrations-plugin-copied", integration: "copied" });
      expect(cli(b, ["plugins", "install", "./copied"]).code).toBe(0);
      run(b);
      const installed = join(b.dataDir, "node_modules", "integrations-plugin-copied");
      expect(userRows(b).find((r) => r.integration === "copied")).toEqual(okRow("copied", "integrations-plugin-copied", "1.0.0", installed));
      rmSync(source, { recursive: true });
      expect(userRows(b).find((r) => r.integration === "copied")).toEqual(okRow("copied", "integrations-plugin-copied", "1.0.0", installed));
      expectRuns(b, "copied", "https://copied.example.com");
    }, 120_000);
  }
});

it("a plugin whose package name is outside the convention but that has a manifest: what install accepts, list shows and runs", () => {
  const b = box();
  writePlugin(join(b.root, "odd"), { pkg: "acme-odd-thing", integration: "odd" });
  const install = cli(b, ["plugins", "install", "./odd"]);
  expect(install.stderr).toBe("");
  expect(install).toMatchObject({
    code: 0,
    stdout: 'installed acme-odd-thing@1.0.0: integrations odd (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n',
  });
  expect(userRows(b)).toEqual([okRow("odd", "acme-odd-thing", "1.0.0", join(b.dataDir, "node_modules", "acme-odd-thing"))]);
  expectRuns(b, "odd", "https://odd.example.com");
}, 120_000);

// ---------------------------------------------------------------------------------------------
// 3b. The same names for every plugins subcommand
// ---------------------------------------------------------------------------------------------

describe("every plugins subcommand takes the same names: integration, shorthand, package", () => {
  it("an installed @acme/integrations-plugin-billing (integration billing): inspect and update by each name, uninstall by the integration", () => {
    const b = box();
    writePlugin(join(b.root, "billing"), { pkg: "@acme/integrations-plugin-billing", integration: "billing" });
    expect(cli(b, ["plugins", "install", "./billing"]).code).toBe(0);
    for (const name of ["billing", "@acme/billing", "@acme/integrations-plugin-billing"]) {
      const inspect = cli(b, ["plugins", "inspect", name, "--json"]);
      expect(inspect.code, `inspect ${name}: ${inspect.stderr}`).toBe(0);
      expect(JSON.parse(inspect.stdout)).toMatchObject([{ integration: "billing", package: "@acme/integrations-plugin-billing" }]);
      expect(cli(b, ["plugins", "update", name]), `update ${name}`).toEqual({ code: 0, stdout: "@acme/integrations-plugin-billing 1.0.0: already up to date\n", stderr: "" });
    }
    expect(cli(b, ["plugins", "uninstall", "billing"])).toEqual({ code: 0, stdout: "uninstalled @acme/integrations-plugin-billing\n", stderr: "" });
    expect(userRows(b)).toEqual([]);
    expect(existsSync(join(b.dataDir, "node_modules", "@acme")), "no empty scope directory is left").toBe(false);
  }, 120_000);

  it("a linked plugin by its integration name: update (nothing to fetch) and uninstall (forgotten)", () => {
    const b = box();
    writePlugin(join(b.root, "ledger"), { pkg: "@acme/integrations-plugin-ledger", integration: "ledger", version: "2.0.0" });
    expect(cli(b, ["plugins", "link", "./ledger"]).code).toBe(0);
    expect(cli(b, ["plugins", "update", "ledger"])).toEqual({
      code: 0,
      stdout: "@acme/integrations-plugin-ledger 2.0.0: linked, used in place (nothing to update): integrations ledger\n",
      stderr: "",
    });
    expect(cli(b, ["plugins", "update"]), "updating all names the linked plugin too").toEqual({
      code: 0,
      stdout: "@acme/integrations-plugin-ledger 2.0.0: linked, used in place (nothing to update): integrations ledger\n",
      stderr: "",
    });
    expect(cli(b, ["plugins", "uninstall", "ledger"])).toEqual({ code: 0, stdout: `unlinked @acme/integrations-plugin-ledger: ${realpathSync(join(b.root, "ledger"))} was not touched\n`, stderr: "" });
    expect(linksOf(b.dataDir)).toEqual({ links: {} });
  }, 120_000);

  it("a name that is not installed: exit 1 (not a usage error) with the fix; one that names a built-in says so; nothing created", () => {
    const b = box();
    for (const command of ["uninstall", "update"]) {
      expect(cli(b, ["plugins", command, "billing"]), command).toEqual({
        code: 1,
        stdout: "",
        stderr: `error: no installed plugin named billing in the user plugin directory (${b.dataDir}); see integrations list for the plugins found, or install it: integrations plugins install billing\n`,
      });
      expect(cli(b, ["plugins", command, "slack"]), command).toEqual({
        code: 1,
        stdout: "",
        stderr: `error: no installed plugin named slack in the user plugin directory (${b.dataDir}): slack is integrations-plugin-slack (${real(workspacePath("packages", "plugin-slack"))}), built into the CLI; it cannot be removed or updated on its own (update the CLI)\n`,
      });
    }
    expect(existsSync(b.dataDir)).toBe(false);
  });

  it("an integration name two installed packages offer: exit 2, naming both", () => {
    const b = box();
    writePlugin(join(b.root, "one"), { pkg: "@acme/integrations-plugin-twin", integration: "twin" });
    writePlugin(join(b.root, "two"), { pkg: "@other/integrations-plugin-twin", integration: "twin" });
    expect(cli(b, ["plugins", "install", "./one", "./two"]).code).toBe(0);
    expect(cli(b, ["plugins", "uninstall", "twin"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "error: twin is the integration of 2 installed plugins (@acme/integrations-plugin-twin, @other/integrations-plugin-twin); give the package name\n",
    });
    expect(cli(b, ["plugins", "uninstall", "@other/twin"]).code).toBe(0);
    expect(userRows(b).map((r) => r.package)).toEqual(["@acme/integrations-plugin-twin"]);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// 4. plugins inspect
// ---------------------------------------------------------------------------------------------

describe("plugins inspect", () => {
  it("shows package, version, path, source, SDK range, apiVersion, status and flags, by integration, package or shorthand", () => {
    const b = box();
    const dir = writePlugin(join(b.root, "insp"), {
      pkg: "@acme/integrations-plugin-insp",
      integration: "inspector",
      version: "2.3.4",
      sdk: true,
      flags: [
        '    region: { type: "enum", values: ["eu", "us"], required: true, description: "where to call" },',
        '    verbose: { type: "boolean", description: "log more" },',
        '    retryCount: { type: "integer", default: 3, description: "retries" },',
      ].join("\n"),
    });
    expect(cli(b, ["plugins", "link", "./insp"]).code).toBe(0);

    const expected = {
      integration: "inspector",
      package: "@acme/integrations-plugin-insp",
      version: "2.3.4",
      path: dir,
      source: "user",
      runs: "sandbox",
      sdkRange: "^1.0.0",
      apiVersion: 1,
      status: "ok",
      cause: null,
      flags: [
        { flag: "--token", type: "secret", required: true, description: "token ref" },
        { flag: "--region", type: "enum", required: true, description: "where to call" },
        { flag: "--verbose", type: "boolean", required: false, description: "log more" },
        { flag: "--retry-count", type: "integer", required: false, description: "retries" },
      ],
    };
    for (const name of ["inspector", "@acme/integrations-plugin-insp", "@acme/insp"]) {
      const json = cli(b, ["plugins", "inspect", name, "--json"]);
      expect(json.stderr, name).toBe("");
      expect(json.code, name).toBe(0);
      expect(JSON.parse(json.stdout), name).toEqual([expected]);

      const text = cli(b, ["plugins", "inspect", name]);
      expect(text.code, name).toBe(0);
      expect(text.stdout, name).toBe(
        [
          "integration  inspector",
          "package      @acme/integrations-plugin-insp@2.3.4",
          `path         ${dir}`,
          "source       user",
          "runs         sandboxed",
          "sdk range    ^1.0.0",
          "apiVersion   1",
          "status       ok",
          "flags:",
          "  --token <secret> (required)  token ref",
          "  --region <enum> (required)  where to call",
          "  --verbose <boolean>  log more",
          "  --retry-count <integer>  retries",
          "",
        ].join("\n"),
      );
    }
  });

  it("a built-in: slack", () => {
    const b = box();
    const result = cli(b, ["plugins", "inspect", "slack", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        integration: "slack",
        package: "integrations-plugin-slack",
        version: "1.0.0",
        path: real(workspacePath("packages", "plugin-slack")),
        source: "builtin",
        runs: "in-process",
        sdkRange: "^1.0.0",
        apiVersion: 1,
        status: "ok",
        cause: null,
        flags: [
          { flag: "--token", type: "secret", required: true, description: "secret reference for the bot token (xoxb-…), e.g. env:SLACK_TOKEN" },
          { flag: "--signing-secret", type: "secret", required: true, description: "secret reference for the app's signing secret, e.g. env:SLACK_SIGNING_SECRET" },
        ],
      },
    ]);
    const text = cli(b, ["plugins", "inspect", "integrations-plugin-slack"]);
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n").slice(0, 8)).toEqual([
      "integration  slack",
      "package      integrations-plugin-slack@1.0.0",
      `path         ${real(workspacePath("packages", "plugin-slack"))}`,
      "source       builtin",
      "runs         in process",
      "sdk range    ^1.0.0",
      "apiVersion   1",
      "status       ok",
    ]);
  });

  it("an unknown name: exit 1 (not a usage error), saying how to install it", () => {
    const b = box();
    expect(cli(b, ["plugins", "inspect", "nosuch"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: no installed plugin named nosuch; see integrations list for the plugins found, or install it: integrations plugins install nosuch\n",
    });
  });
});

// ---------------------------------------------------------------------------------------------
// 5. --json on every plugins subcommand and on list
// ---------------------------------------------------------------------------------------------

describe("--json on every plugins subcommand and on list", () => {
  it("successes: stdout is the JSON result", () => {
    const b = box();
    const linked = writePlugin(join(b.root, "jl"), { pkg: "integrations-plugin-jl", integration: "jl", version: "0.0.1" });
    const link = cli(b, ["plugins", "link", "./jl", "--json"]);
    expect(link.code).toBe(0);
    const sandboxed = { runs: "sandbox", howToTrust: 'to run it in process, install it with --trust or add "integrations-plugin-jl" to "trust" in the CLI config' };
    expect(JSON.parse(link.stdout)).toEqual([{ integration: "jl", package: "integrations-plugin-jl", version: "0.0.1", source: "user", path: linked, ...sandboxed }]);

    writePlugin(join(b.root, "ji"), { pkg: "integrations-plugin-ji", integration: "ji" });
    const install = cli(b, ["plugins", "install", "./ji", "--json"]);
    expect(install.stderr).toBe("");
    expect(install.code).toBe(0);
    const installed = join(b.dataDir, "node_modules", "integrations-plugin-ji");
    expect(JSON.parse(install.stdout)).toEqual([
      { integration: "ji", package: "integrations-plugin-ji", version: "1.0.0", source: "user", path: installed, ...sandboxed, howToTrust: sandboxed.howToTrust.replace("-jl", "-ji") },
    ]);

    const inspect = cli(b, ["plugins", "inspect", "ji", "--json"]);
    expect(inspect.code).toBe(0);
    expect(JSON.parse(inspect.stdout)).toEqual([
      {
        integration: "ji",
        package: "integrations-plugin-ji",
        version: "1.0.0",
        path: installed,
        source: "user",
        runs: "sandbox",
        sdkRange: null,
        apiVersion: 1,
        status: "ok",
        cause: null,
        flags: [{ flag: "--token", type: "secret", required: true, description: "token ref" }],
        // A directory install: no registry is asked.
        origin: { integrity: null, provenance: { status: "none", reason: "not installed from a registry" }, signatures: { status: "none", reason: "not installed from a registry" } },
      },
    ]);

    const list = cli(b, ["list", "--check", "--json"]);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(rows.filter((r) => r.source !== "builtin")).toEqual([
      { integration: "ji", package: "integrations-plugin-ji", version: "1.0.0", source: "user", status: "ok", runs: "sandbox", cause: null, description: "ji API", path: installed },
      { integration: "jl", package: "integrations-plugin-jl", version: "0.0.1", source: "user", status: "ok", runs: "sandbox", cause: null, description: "jl API", path: linked },
    ]);
    expect(rows.filter((r) => r.source === "builtin")).toHaveLength(21);

    const uninstalled = cli(b, ["plugins", "uninstall", "ji", "--json"]);
    expect(uninstalled.code).toBe(0);
    expect(JSON.parse(uninstalled.stdout)).toEqual({ status: "uninstalled", package: "integrations-plugin-ji" });
    const unlinked = cli(b, ["plugins", "uninstall", "jl", "--json"]);
    expect(unlinked.code).toBe(0);
    expect(JSON.parse(unlinked.stdout)).toEqual({ status: "unlinked", package: "integrations-plugin-jl", path: linked });
    const update = cli(b, ["plugins", "update", "--json"]);
    expect(update).toEqual({ code: 0, stdout: "[]\n", stderr: "" });
  }, 120_000);

  it("failures: stdout holds {status: error, exitCode, error} and stderr the same message", () => {
    const b = box();
    writePlugin(join(b.root, "bad"), { pkg: "integrations-plugin-bad", integration: "bad", manifest: ["nope"], exports: "other" });
    writeFiles(join(b.root, "nopkg"), { "index.js": "export default {};\n" });

    expect(expectJsonError(cli(b, ["plugins", "install", "./nothere", "--json"]), 1)).toMatch(/^\.\/nothere is not a package directory: ENOENT/);
    expect(expectJsonError(cli(b, ["plugins", "install", "./bad", "--json"]), 1)).toBe(
      `plugin integrations-plugin-bad (${join(b.dataDir, "node_modules", "integrations-plugin-bad")}) cannot be loaded: its manifest lists "nope" but it exports other; the install was rolled back`,
    );
    expect(expectJsonError(cli(b, ["plugins", "install", "Not A Name", "--json"]), 2)).toMatch(/^"Not A Name" is not a package name npm accepts/);
    const notInstalled = `no installed plugin named nosuch in the user plugin directory (${b.dataDir}); see integrations list for the plugins found, or install it: integrations plugins install nosuch`;
    expect(expectJsonError(cli(b, ["plugins", "uninstall", "nosuch", "--json"]), 1)).toBe(notInstalled);
    expect(expectJsonError(cli(b, ["plugins", "update", "nosuch", "--json"]), 1)).toBe(notInstalled);
    expect(expectJsonError(cli(b, ["plugins", "link", "./nopkg", "--json"]), 1)).toBe(`${join(b.root, "nopkg")} has no package.json with a name; it is not a plugin package`);
    expect(expectJsonError(cli(b, ["plugins", "link", "./missing", "--json"]), 2)).toBe("./missing is not a directory; pass a built plugin package directory");
    expect(expectJsonError(cli(b, ["plugins", "inspect", "nosuch", "--json"]), 1)).toBe(
      "no installed plugin named nosuch; see integrations list for the plugins found, or install it: integrations plugins install nosuch",
    );

    const badConfig = join(b.root, "badcfg");
    writeFiles(badConfig, { ".integrationsrc.yaml": "bogus: 1\n" });
    expect(expectJsonError(cli(b, ["list", "--json"], badConfig), 1)).toBe(
      `${join(badConfig, ".integrationsrc.yaml")}: unknown setting "bogus"; known: file, plugins, autoDiscover, dataDir, trust, untrusted, verifySignatures`,
    );
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// 6. Versions and dist-tags from the registry
// ---------------------------------------------------------------------------------------------

describe("versions and dist-tags from the registry", () => {
  it("install @acme/demo@1.0.0 (an exact version), then plugins update (all) picks up 1.1.0; a link is named, used in place, nothing fetched", async () => {
    const b = box();
    const install = cli(b, ["plugins", "install", "@acme/demo@1.0.0"], project);
    expect(install.stderr).toBe("");
    expect(install).toMatchObject({
      code: 0,
      stdout: 'installed @acme/integrations-plugin-demo@1.0.0: integrations demo (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n',
    });
    expect(dependencies(b.dataDir)).toEqual({ "@acme/integrations-plugin-demo": "^1.0.0" });
    const linked = writePlugin(join(b.root, "side"), { pkg: "integrations-plugin-side", integration: "side" });
    expect(cli(b, ["plugins", "link", "./side"]).code).toBe(0);

    await registry.publish(demoPlugin("1.1.0", "https://demo.acme.internal/v2"));
    const elsewhere = real(makeTempDir());
    const update = cli(b, ["plugins", "update", "--json"], elsewhere);
    expect(update.stderr).toBe("");
    expect(update.code).toBe(0);
    const installed = join(b.dataDir, "node_modules", "@acme", "integrations-plugin-demo");
    expect(JSON.parse(update.stdout)).toEqual([
      { integration: "demo", package: "@acme/integrations-plugin-demo", version: "1.1.0", source: "user", path: installed, from: "1.0.0", to: "1.1.0" },
      { integration: "side", package: "integrations-plugin-side", version: "1.0.0", source: "user", path: linked, from: "1.0.0", to: "1.0.0" },
    ]);
    expect(userRows(b, elsewhere)).toEqual([okRow("demo", "@acme/integrations-plugin-demo", "1.1.0", installed), okRow("side", "integrations-plugin-side", "1.0.0", linked)]);
    expectRuns(b, "demo", "https://demo.acme.internal/v2", [], elsewhere);

    const text = cli(b, ["plugins", "update"], elsewhere);
    expect(text).toEqual({
      code: 0,
      stdout: "@acme/integrations-plugin-demo 1.1.0: already up to date\nintegrations-plugin-side 1.0.0: linked, used in place (nothing to update): integrations side\n",
      stderr: "",
    });
  }, 120_000);

  it("install @acme/demo@next (a dist-tag) gets the tagged prerelease; the bare name still gets latest", async () => {
    await registry.publish(demoPlugin("1.2.0-beta.1", "https://demo.acme.internal/beta", { publishConfig: { tag: "next" } }));
    const tagged = box();
    const next = cli(tagged, ["plugins", "install", "@acme/demo@next"], project);
    expect(next.stderr).toBe("");
    expect(next).toMatchObject({
      code: 0,
      stdout: 'installed @acme/integrations-plugin-demo@1.2.0-beta.1: integrations demo (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n',
    });
    expect(userRows(tagged, project).map((r) => `${r.integration} ${r.version} ${r.status}`)).toEqual(["demo 1.2.0-beta.1 ok"]);
    expectRuns(tagged, "demo", "https://demo.acme.internal/beta");

    const plain = box();
    const latest = cli(plain, ["plugins", "install", "@acme/demo", "--json"], project);
    expect(latest.stderr).toBe("");
    expect(latest.code).toBe(0);
    expect(JSON.parse(latest.stdout)).toMatchObject([{ integration: "demo", version: "1.1.0" }]);
  }, 120_000);
});
