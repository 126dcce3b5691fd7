/**
 * End to end: the six discovery sources of docs/design.md "Discovery" (`--plugin`, the CLI config's `plugins`, the
 * project, the user plugin directory, the global installs, the built-ins), their precedence and
 * statuses, through the built CLI. Fixture plugins are plain ESM packages written into temp dirs.
 *
 * Every run is isolated from the machine: `isolatedEnv` points the user plugin directory, npm's
 * global prefix, pnpm's home, XDG_DATA_HOME and HOME into the test's own temp dir, so no real
 * global or user plugin can leak in; each test plants what it needs there.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import {
  assertValidConfig,
  fixturePackage,
  isolatedEnv,
  makeTempDir,
  pluginSource,
  runCli,
  throwingSource,
  workspacePath,
  writeFiles,
  writePackage,
  type CliResult,
  parseListRows,
  type ListRow as Row,
  rowOf,
  addedToNewFile,
  trustPlugins,
} from "@integrations/test-utils";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const real = (path: string) => realpathSync(path);

/** One test's world: a temp root and the isolated machine locations the CLI looks at. */
interface World {
  root: string;
  env: Record<string, string | undefined>;
  /** INTEGRATIONS_DATA_DIR, the user plugin directory. */
  dataDir: string;
  /** NPM_CONFIG_PREFIX; npm's global root is `<prefix>/lib/node_modules`. */
  prefix: string;
  npmRoot: string;
  pnpmHome: string;
  xdg: string;
  home: string;
  markers: string;
}

function world(): World {
  const root = real(makeTempDir());
  const env = isolatedEnv(join(root, "machine"));
  const markers = join(root, "markers");
  mkdirSync(markers);
  const prefix = env.NPM_CONFIG_PREFIX!;
  return {
    root,
    env,
    markers,
    prefix,
    dataDir: env.INTEGRATIONS_DATA_DIR!,
    npmRoot: join(prefix, "lib", "node_modules"),
    pnpmHome: env.PNPM_HOME!,
    xdg: env.XDG_DATA_HOME!,
    home: env.HOME!,
  };
}

/** A fixture plugin written somewhere. */
interface Planted {
  pkg: string;
  integration: string;
  version: string;
  /** Its directory as written (maybe reached through symlinks later). */
  dir: string;
  destination: string;
  /** Written when its module is imported ("" for a built-in). */
  marker: string;
}

/** A built-in as `runs` checks it. */
function builtin(integration: string, destination: string): Planted {
  const pkg = `integrations-plugin-${integration}`;
  return { pkg, integration, version: "", dir: workspacePath("packages", `plugin-${integration}`), destination, marker: "" };
}

interface PlantOptions {
  version?: string;
  /** package.json fields on top of the fixture's (`undefined` leaves one out). */
  extra?: Record<string, unknown>;
  /** Replaces the plugin module (index.js). */
  moduleSource?: string;
  /** More files in the package. */
  files?: Record<string, string>;
  /** Leave the `integrationsPlugin` manifest out. */
  noManifest?: boolean;
  /** Raw lines before the plugin object. */
  prelude?: string;
}

/**
 * Writes plugin package `pkg` offering `integration` into `dir`; its destination is
 * `https://<integration>-<tag>.example.com`, so a run shows which copy ran.
 */
function plant(w: World, dir: string, pkg: string, integration: string, tag: string, o: PlantOptions = {}): Planted {
  const version = o.version ?? "1.0.0";
  const destination = `https://${integration}-${tag}.example.com`;
  const marker = join(w.markers, `${integration}-${tag}`);
  const source = o.moduleSource ?? pluginSource({ name: integration, destination, marker, ...(o.prelude ? { prelude: o.prelude } : {}) });
  writePackage(dir, { ...fixturePackage(pkg, version, o.noManifest ? null : { apiVersion: 1, integrations: [integration] }, source, o.extra), ...o.files });
  return { pkg, integration, version, dir, destination, marker };
}

interface RunIn {
  cwd: string;
  /** Extra arguments (`--plugin …`). */
  args?: string[];
  /** Environment on top of the world's. */
  env?: Record<string, string | undefined>;
  /** Another bin than the workspace's CLI. */
  bin?: string;
}

function cli(w: World, args: string[], at: RunIn): CliResult {
  return runCli([...args, ...(at.args ?? [])], { cwd: at.cwd, env: { ...w.env, ...at.env }, ...(at.bin ? { bin: at.bin } : {}) });
}

/** `list --check --json` (every plugin imported): expects exit 0; the rows, only the checked fields. */
function list(w: World, at: RunIn): Row[] {
  const result = cli(w, ["list", "--check", "--json"], at);
  expect(result.code, result.stderr).toBe(0);
  return parseListRows(result.stdout);
}

/** The row a planted plugin must have when it is found from `source` and works (trusted by `trustMarkerWriters`, so in process). */
function okRow(p: Planted, source: string): Row {
  return { integration: p.integration, package: p.pkg, version: p.version, source, status: "ok", runs: "in-process", cause: null, path: real(p.dir) };
}

/**
 * Trusts the `planted` packages in the CLI config found from `dir` (its `.integrationsrc.yaml`, after
 * any `rc` there), so they run in process: each writes a marker file when imported, which a
 * sandboxed plugin may not, and the tests read those markers to tell which copy was imported.
 */
function trustMarkerWriters(dir: string, planted: readonly Planted[]): void {
  trustPlugins(dir, [...new Set(planted.map((p) => p.pkg))]);
}

/**
 * `integrations <name> -token env:A -file c.yaml` (plus `at.args`): expects exit 0, `added <name>
 * to c.yaml (lines …)`, and a c.yaml valid under the proxy's schema and our rules holding `p`'s destination.
 */
function runs(w: World, name: string, p: Planted, at: RunIn): string {
  rmSync(join(at.cwd, "c.yaml"), { force: true });
  const result = cli(w, [name, "-token", "env:A", "-file", "c.yaml"], at);
  expect(result.code, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(0);
  const text = readFileSync(join(at.cwd, "c.yaml"), "utf8");
  expect(result.stdout).toBe(addedToNewFile("c.yaml", text));
  assertValidConfig(text);
  expect(text).toContain(`  - name: ${p.integration}\n    destination: ${p.destination}\n`);
  if (p.marker) expect(existsSync(p.marker), `${p.pkg} was not imported`).toBe(true);
  return text;
}

/** Running `name` fails with exit `code`; stderr holds every part; no config written. */
function fails(w: World, name: string, code: number, parts: string[], at: RunIn): CliResult {
  rmSync(join(at.cwd, "c.yaml"), { force: true });
  const result = cli(w, [name, "-token", "env:A", "-file", "c.yaml"], at);
  expect(result.code, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(code);
  for (const part of parts) expect(result.stderr).toContain(part);
  expect(existsSync(join(at.cwd, "c.yaml"))).toBe(false);
  return result;
}

/** A project directory with a package.json (`deps` as its dependencies). */
function project(dir: string, deps: Record<string, string> = {}, extra: Record<string, unknown> = {}): string {
  writeFiles(dir, { "package.json": JSON.stringify({ name: "fixture-project", private: true, dependencies: deps, ...extra }) });
  return dir;
}

/** Every ancestor of `dir` (itself included) that holds a package.json. */
function packageJsonsAbove(dir: string): string[] {
  const found: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, "package.json"))) found.push(join(d, "package.json"));
    if (d === dirname(d)) return found;
  }
}

/** The built-ins, as the CLI's package.json lists them. */
const BUILTINS = (JSON.parse(readFileSync(workspacePath("packages", "cli", "package.json"), "utf8")) as { integrationsBuiltins: string[] }).integrationsBuiltins.map((pkg) =>
  pkg.slice("integrations-plugin-".length),
);

/** The built-in rows are all there, `builtin` and `ok`, from the workspace's plugin packages. */
function expectBuiltins(rows: Row[]): void {
  const builtins = rows.filter((r) => r.source === "builtin");
  expect(builtins.map((r) => `${r.integration} ${r.status} ${r.path}`)).toEqual(BUILTINS.map((name) => `${name} ok ${real(workspacePath("packages", `plugin-${name}`))}`));
}

/** Writes the CLI config `.integrationsrc.yaml` into `dir`. */
function rc(dir: string, yaml: string): void {
  writeFiles(dir, { ".integrationsrc.yaml": yaml });
}

/** The user plugin directory as `plugins install` leaves it: package.json dependencies + node_modules. */
function userInstall(w: World, pkg: string, integration: string, tag: string, o: PlantOptions = {}, dataDir = w.dataDir): Planted {
  const json = join(dataDir, "package.json");
  const deps = existsSync(json) ? (JSON.parse(readFileSync(json, "utf8")) as { dependencies: Record<string, string> }).dependencies : {};
  writeFiles(dataDir, { "package.json": JSON.stringify({ private: true, dependencies: { ...deps, [pkg]: `^${o.version ?? "1.0.0"}` } }) });
  return plant(w, join(dataDir, "node_modules", ...pkg.split("/")), pkg, integration, tag, o);
}

/** links.json of the user plugin directory. */
function writeLinks(w: World, links: Record<string, string>): void {
  writeFiles(w.dataDir, { "links.json": JSON.stringify({ links }) });
}

// ---------------------------------------------------------------------------------------------
// 1. pnpm's layout, and the CLI itself inside a .pnpm directory
// ---------------------------------------------------------------------------------------------

describe("a project installed the pnpm way, run by a CLI that lives in a .pnpm directory", () => {
  /** The project: p1 linked into node_modules from the virtual store; decoys only inside .pnpm. */
  function pnpmProject(w: World): { proj: string; p1: Planted; decoys: Planted[] } {
    const proj = project(join(w.root, "proj"), { "integrations-plugin-p1": "1.0.0" });
    const store = join(proj, "node_modules", ".pnpm");
    const p1 = plant(w, join(store, "integrations-plugin-p1@1.0.0", "node_modules", "integrations-plugin-p1"), "integrations-plugin-p1", "p1", "proj");
    symlinkSync(".pnpm/integrations-plugin-p1@1.0.0/node_modules/integrations-plugin-p1", join(proj, "node_modules", "integrations-plugin-p1"), "dir");
    const decoys = [
      plant(w, join(store, "node_modules", "integrations-plugin-hoisted"), "integrations-plugin-hoisted", "hoisted", "store"),
      plant(w, join(store, "integrations-plugin-stored@1.0.0", "node_modules", "integrations-plugin-stored"), "integrations-plugin-stored", "stored", "store"),
    ];
    return { proj, p1, decoys };
  }

  /**
   * The CLI at `<tool>/node_modules/.pnpm/@integrations+cli@1.0.0/node_modules/@integrations/cli`:
   * a symlink to the workspace package, or a copy of it whose dependencies sit beside it as pnpm
   * lays them out. Plugins are planted where resolving from the CLI's location would find them.
   */
  function cliInStore(w: World, how: "symlink" | "copy"): { bin: string; cliDir: string; decoys: Planted[] } {
    const tool = join(w.root, "tool");
    const slot = join(tool, "node_modules", ".pnpm", "@integrations+cli@1.0.0", "node_modules");
    const cliDir = join(slot, "@integrations", "cli");
    mkdirSync(dirname(cliDir), { recursive: true });
    if (how === "symlink") {
      symlinkSync(workspacePath("packages", "cli"), cliDir, "dir");
    } else {
      // The copy's own launcher and entry; not the snapshot, which belongs to the workspace's files.
      cpSync(workspacePath("packages", "cli", "bin"), join(cliDir, "bin"), { recursive: true });
      const snapshot = workspacePath("packages", "cli", "dist", "snapshot");
      cpSync(workspacePath("packages", "cli", "dist"), join(cliDir, "dist"), { recursive: true, filter: (path) => path !== snapshot && !path.startsWith(`${snapshot}${sep}`) });
      cpSync(workspacePath("packages", "cli", "package.json"), join(cliDir, "package.json"));
      const deps = workspacePath("packages", "cli", "node_modules");
      for (const entry of readdirSync(deps).filter((e) => !e.startsWith("."))) {
        for (const name of entry.startsWith("@") ? readdirSync(join(deps, entry)).map((n) => `${entry}/${n}`) : [entry]) {
          mkdirSync(dirname(join(slot, name)), { recursive: true });
          symlinkSync(real(join(deps, name)), join(slot, name), "dir");
        }
      }
    }
    writeFiles(tool, { "package.json": JSON.stringify({ name: "tool", private: true, dependencies: { "@integrations/cli": "1.0.0", "integrations-plugin-near3": "1.0.0" } }) });
    const decoys = [
      plant(w, join(slot, "integrations-plugin-near1"), "integrations-plugin-near1", "near1", "tool"),
      plant(w, join(tool, "node_modules", ".pnpm", "node_modules", "integrations-plugin-near2"), "integrations-plugin-near2", "near2", "tool"),
      plant(w, join(tool, "node_modules", "integrations-plugin-near3"), "integrations-plugin-near3", "near3", "tool"),
    ];
    return { bin: join(cliDir, "bin", "integrations"), cliDir, decoys };
  }

  it.each(["symlink", "copy"] as const)("lists and runs the project's p1 (source project), never what sits next to the CLI (%s)", (how) => {
    const w = world();
    const { proj, p1, decoys } = pnpmProject(w);
    const tool = cliInStore(w, how);
    trustMarkerWriters(proj, [p1, ...decoys, ...tool.decoys]);
    // The decoy next to the CLI is what Node would find from the CLI's own location.
    expect(real(dirname(createRequire(join(tool.cliDir, "package.json")).resolve("integrations-plugin-near1")))).toBe(real(tool.decoys[0]!.dir));
    expect(packageJsonsAbove(proj)).toEqual([join(proj, "package.json")]);

    const at = { cwd: proj, bin: tool.bin };
    const rows = list(w, at);
    expect(rowOf(rows, p1.pkg)).toEqual(okRow(p1, "project"));
    expect(rowOf(rows, p1.pkg).path).toContain(`${join("node_modules", ".pnpm", "integrations-plugin-p1@1.0.0")}`);
    expectBuiltins(rows);
    expect(rows).toHaveLength(1 + BUILTINS.length);
    const sub = join(proj, "src");
    mkdirSync(sub);
    expect(rowOf(list(w, { ...at, cwd: sub }), p1.pkg).source).toBe("project");

    runs(w, "p1", p1, at);
    runs(w, "slack", builtin("slack", "https://slack.com/api"), { ...at, args: ["-signing-secret", "env:B"] });
    for (const decoy of [...decoys, ...tool.decoys]) fails(w, decoy.integration, 2, [`unknown integration or command "${decoy.integration}"`], at);
    for (const decoy of [...decoys, ...tool.decoys]) expect(existsSync(decoy.marker), `${decoy.pkg} was imported`).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. A monorepo: declared in a package, hoisted to the root
// ---------------------------------------------------------------------------------------------

describe("a monorepo", () => {
  it("finds a plugin declared in apps/a but hoisted to the repository root's node_modules (source project)", () => {
    const w = world();
    const repo = project(join(w.root, "repo"), {}, { workspaces: ["apps/*"] });
    const hoisted = plant(w, join(repo, "node_modules", "integrations-plugin-hoist"), "integrations-plugin-hoist", "hoist", "root");
    const app = project(join(repo, "apps", "a"), { "integrations-plugin-hoist": "^1.0.0" });
    trustMarkerWriters(app, [hoisted]);

    const rows = list(w, { cwd: app });
    expect(rowOf(rows, hoisted.pkg)).toEqual(okRow(hoisted, "project"));
    expectBuiltins(rows);
    runs(w, "hoist", hoisted, { cwd: app });
    // apps/b does not declare it: nothing above the project is scanned.
    const other = project(join(repo, "apps", "b"));
    expect(list(w, { cwd: other }).filter((r) => r.package === hoisted.pkg)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Global installs (npm's global root, pnpm's global directory)
// ---------------------------------------------------------------------------------------------

describe("global installs, outside any project", () => {
  /** An empty directory with no package.json at or above it. */
  function emptyCwd(): string {
    const cwd = real(makeTempDir());
    expect(packageJsonsAbove(cwd)).toEqual([]);
    return cwd;
  }

  /** pnpm's global layout in `home`: global/5/node_modules/<pkg> -> .pnpm/<pkg>@1.0.0/node_modules/<pkg>. */
  function pnpmGlobal(w: World, home: string, pkg: string, integration: string, tag: string): Planted & { hidden: Planted } {
    const nodeModules = join(home, "global", "5", "node_modules");
    writeFiles(join(home, "global", "5"), { "package.json": JSON.stringify({ dependencies: { [pkg]: "1.0.0" } }) });
    const slot = `${pkg.replace("/", "+")}@1.0.0`;
    const planted = plant(w, join(nodeModules, ".pnpm", slot, "node_modules", pkg), pkg, integration, tag);
    mkdirSync(dirname(join(nodeModules, pkg)), { recursive: true });
    symlinkSync(relative(dirname(join(nodeModules, pkg)), planted.dir), join(nodeModules, pkg), "dir");
    // pnpm's virtual store is never scanned.
    const hidden = plant(w, join(nodeModules, ".pnpm", "node_modules", "integrations-plugin-pnpmhidden"), "integrations-plugin-pnpmhidden", "pnpmhidden", tag);
    return { ...planted, hidden };
  }

  const npmCases: { how: string; prefix: (w: World) => string; env: (w: World, prefix: string) => Record<string, string | undefined> }[] = [
    { how: "NPM_CONFIG_PREFIX", prefix: (w) => w.prefix, env: () => ({}) },
    { how: "lower-case npm_config_prefix", prefix: (w) => join(w.root, "lower prefix"), env: (_w, prefix) => ({ NPM_CONFIG_PREFIX: undefined, npm_config_prefix: prefix }) },
    {
      how: "a prefix= line in ~/.npmrc",
      prefix: (w) => join(w.home, "npm-global"),
      env: (w) => {
        writeFiles(w.home, { ".npmrc": "; comment\nfund=false\nprefix = ~/npm-global\n" });
        return { NPM_CONFIG_PREFIX: undefined, NPM_CONFIG_USERCONFIG: undefined };
      },
    },
    {
      how: "a prefix= line in $NPM_CONFIG_USERCONFIG",
      prefix: (w) => join(w.root, "rc-prefix"),
      env: (w, prefix) => {
        writeFiles(w.root, { "custom.npmrc": `prefix="${prefix}"\n` });
        writeFiles(w.home, { ".npmrc": `prefix=${join(w.root, "wrong")}\n` });
        return { NPM_CONFIG_PREFIX: undefined, NPM_CONFIG_USERCONFIG: join(w.root, "custom.npmrc") };
      },
    },
  ];

  it.each(npmCases)("lists and runs plugins in npm's global root, the prefix from $how (source global)", ({ prefix, env }) => {
    const w = world();
    const pre = prefix(w);
    const extra = env(w, pre);
    const root = join(pre, "lib", "node_modules");
    const g1 = plant(w, join(root, "integrations-plugin-g1"), "integrations-plugin-g1", "g1", "npm");
    const g2 = plant(w, join(root, "@acme", "integrations-plugin-g2"), "@acme/integrations-plugin-g2", "g2", "npm", { noManifest: true });
    // A package not named like a plugin is not one.
    const nope = plant(w, join(root, "not-a-plugin"), "not-a-plugin", "nope", "npm");
    const cwd = emptyCwd();
    trustMarkerWriters(cwd, [g1, g2, nope]);
    const at = { cwd, env: extra };

    const rows = list(w, at);
    expect(rowOf(rows, g1.pkg)).toEqual(okRow(g1, "global"));
    expect(rowOf(rows, g2.pkg)).toEqual(okRow(g2, "global"));
    expect(rows.filter((r) => r.integration === "nope")).toEqual([]);
    expectBuiltins(rows);
    expect(rows).toHaveLength(2 + BUILTINS.length);
    runs(w, "g1", g1, at);
    runs(w, "g2", g2, at);
  });

  const pnpmCases: { how: string; home: (w: World) => string; env: Record<string, string | undefined> }[] = [
    { how: "$PNPM_HOME", home: (w) => w.pnpmHome, env: {} },
    { how: "$XDG_DATA_HOME/pnpm", home: (w) => join(w.xdg, "pnpm"), env: { PNPM_HOME: undefined } },
    { how: "~/.local/share/pnpm", home: (w) => join(w.home, ".local", "share", "pnpm"), env: { PNPM_HOME: undefined, XDG_DATA_HOME: undefined } },
  ];

  it.each(pnpmCases)("lists and runs a plugin in pnpm's global directory under $how (source global), never one inside .pnpm", ({ home, env }) => {
    const w = world();
    const g3 = pnpmGlobal(w, home(w), "integrations-plugin-g3", "g3", "pnpm");
    const cwd = emptyCwd();
    trustMarkerWriters(cwd, [g3, g3.hidden]);
    const at = { cwd, env };
    const rows = list(w, at);
    expect(rowOf(rows, g3.pkg)).toEqual(okRow(g3, "global"));
    expect(rows.filter((r) => r.integration === "pnpmhidden")).toEqual([]);
    expect(rows).toHaveLength(1 + BUILTINS.length);
    runs(w, "g3", g3, at);
    fails(w, "pnpmhidden", 2, ['unknown integration or command "pnpmhidden"'], at);
  });

  it("finds npm's and pnpm's global plugins together, npm's first", () => {
    const w = world();
    const fromNpm = plant(w, join(w.npmRoot, "integrations-plugin-both"), "integrations-plugin-both", "both", "npm");
    const fromPnpm = pnpmGlobal(w, w.pnpmHome, "@acme/integrations-plugin-both", "both", "pnpm");
    const cwd = emptyCwd();
    trustMarkerWriters(cwd, [fromNpm, fromPnpm, fromPnpm.hidden]);
    const rows = list(w, { cwd });
    expect(rowOf(rows, fromNpm.pkg)).toEqual(okRow(fromNpm, "global"));
    const shadowed = rowOf(rows, fromPnpm.pkg);
    expect(shadowed).toMatchObject({ integration: "both", source: "global", status: "shadowed", path: real(fromPnpm.dir) });
    expect(shadowed.cause).toContain(fromNpm.pkg);
    runs(w, "both", fromNpm, { cwd });
    runs(w, fromPnpm.pkg, fromPnpm, { cwd });
  });
});

// ---------------------------------------------------------------------------------------------
// 4. The user plugin directory; the project shadows it
// ---------------------------------------------------------------------------------------------

describe("the user plugin directory", () => {
  function setup(w: World): { proj: string; fromProject: Planted; fromUser: Planted; userOnly: Planted } {
    const proj = project(join(w.root, "proj"), { "integrations-plugin-dup": "1.0.0" });
    const fromProject = plant(w, join(proj, "node_modules", "integrations-plugin-dup"), "integrations-plugin-dup", "dup", "project");
    const fromUser = userInstall(w, "@acme/integrations-plugin-dup", "dup", "user", { version: "2.0.0" });
    const userOnly = userInstall(w, "integrations-plugin-u1", "u1", "user");
    trustMarkerWriters(proj, [fromProject, fromUser, userOnly]);
    return { proj, fromProject, fromUser, userOnly };
  }

  it("lists the project's dup as the winner and the user's as shadowed naming it; both run", () => {
    const w = world();
    const { proj, fromProject, fromUser, userOnly } = setup(w);
    const table = cli(w, ["list"], { cwd: proj });
    expect(table.code, table.stderr).toBe(0);

    const rows = list(w, { cwd: proj });
    expect(rowOf(rows, fromProject.pkg)).toEqual(okRow(fromProject, "project"));
    const shadowed = rowOf(rows, fromUser.pkg);
    expect(shadowed).toMatchObject({ integration: "dup", version: "2.0.0", source: "user", status: "shadowed", path: real(fromUser.dir) });
    expect(shadowed.cause).toContain(`shadowed by ${fromProject.pkg}`);
    expect(shadowed.cause).toContain("project");
    expect(rowOf(rows, userOnly.pkg)).toEqual(okRow(userOnly, "user"));
    expectBuiltins(rows);

    runs(w, "dup", fromProject, { cwd: proj });
    expect(existsSync(fromUser.marker)).toBe(false);
    runs(w, fromUser.pkg, fromUser, { cwd: proj });
    runs(w, "u1", userOnly, { cwd: proj });
  });

  it("comes before the global installs: a global plugin of the same integration is shadowed by the user's", () => {
    const w = world();
    const fromUser = userInstall(w, "integrations-plugin-both", "both", "user");
    const fromGlobal = plant(w, join(w.npmRoot, "@acme", "integrations-plugin-both"), "@acme/integrations-plugin-both", "both", "global");
    const cwd = real(makeTempDir());
    trustMarkerWriters(cwd, [fromUser, fromGlobal]);
    const rows = list(w, { cwd });
    expect(rowOf(rows, fromUser.pkg)).toEqual(okRow(fromUser, "user"));
    const shadowed = rowOf(rows, fromGlobal.pkg);
    expect(shadowed).toMatchObject({ integration: "both", source: "global", status: "shadowed", path: real(fromGlobal.dir) });
    expect(shadowed.cause).toContain(`shadowed by ${fromUser.pkg} (user`);
    runs(w, "both", fromUser, { cwd });
    expect(existsSync(fromGlobal.marker)).toBe(false);
    runs(w, fromGlobal.pkg, fromGlobal, { cwd });
  });

  it("finds the user directory through $XDG_DATA_HOME/integrations and the config's dataDir too", () => {
    const w = world();
    const xdgUser = userInstall(w, "integrations-plugin-u2", "u2", "xdg", {}, join(w.xdg, "integrations"));
    const cwd = real(makeTempDir());
    trustMarkerWriters(cwd, [xdgUser]);
    const env = { INTEGRATIONS_DATA_DIR: undefined };
    expect(rowOf(list(w, { cwd, env }), xdgUser.pkg)).toEqual(okRow(xdgUser, "user"));
    runs(w, "u2", xdgUser, { cwd, env });

    const proj = project(join(w.root, "proj"));
    rc(proj, "dataDir: ./my-plugins\n");
    const configured = userInstall(w, "integrations-plugin-u3", "u3", "cfg", {}, join(proj, "my-plugins"));
    trustMarkerWriters(proj, [configured]);
    const rows = list(w, { cwd: proj, env });
    expect(rowOf(rows, configured.pkg)).toEqual(okRow(configured, "user"));
    expect(rows.filter((r) => r.package === xdgUser.pkg)).toEqual([]);
    runs(w, "u3", configured, { cwd: proj, env });
  });

  it("lists a dependency of the user directory that is not installed as error, and keeps going", () => {
    const w = world();
    const ok = userInstall(w, "integrations-plugin-u1", "u1", "user");
    writeFiles(w.dataDir, { "package.json": JSON.stringify({ dependencies: { "integrations-plugin-u1": "^1.0.0", "integrations-plugin-gone": "^1.0.0", "@integrations/plugin-sdk": "^1.0.0" } }) });
    const cwd = real(makeTempDir());
    trustMarkerWriters(cwd, [ok]);
    const rows = list(w, { cwd });
    expect(rowOf(rows, "integrations-plugin-gone")).toMatchObject({ integration: "gone", source: "user", status: "error" });
    expect(rowOf(rows, "integrations-plugin-gone").cause).toContain("cannot be resolved");
    expect(rows.filter((r) => r.package === "@integrations/plugin-sdk")).toEqual([]);
    expect(rowOf(rows, ok.pkg)).toEqual(okRow(ok, "user"));
    runs(w, "u1", ok, { cwd });
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Entry points through `exports`
// ---------------------------------------------------------------------------------------------

describe("plugins whose entry is given by exports", () => {
  const trap = throwingSource("the host imported index.js instead of the exports entry");
  const kinds = [
    {
      kind: "only an exports map with an import condition (no main)",
      entry: "lib/plugin.js",
      extra: { main: undefined, exports: { ".": { import: "./lib/plugin.js" } } },
    },
    {
      kind: "nested conditions and exports hiding ./package.json",
      entry: "dist/esm/plugin.js",
      extra: { main: "index.js", exports: { ".": { node: { import: "./dist/esm/plugin.js" }, default: "./dist/none.js" }, "./package.json": null } },
    },
    {
      kind: "exports as a string (no ./package.json export)",
      entry: "src/entry.js",
      extra: { main: undefined, exports: "./src/entry.js" },
    },
  ];
  const places = ["project", "cli", "global"] as const;
  const cases = kinds.flatMap((k) => places.map((place) => ({ ...k, place })));

  it.each(cases)("lists and runs a plugin with $kind, from source $place", ({ entry, extra, place }) => {
    const w = world();
    const proj = project(join(w.root, "proj"));
    const pkg = "integrations-plugin-exp";
    const dir = place === "project" ? join(proj, "node_modules", pkg) : place === "global" ? join(w.npmRoot, pkg) : join(w.root, "dev", "exp");
    const integration = "exp";
    const destination = `https://${integration}-${place}.example.com`;
    const marker = join(w.markers, `${integration}-${place}`);
    const p = plant(w, dir, pkg, integration, place, {
      extra,
      moduleSource: trap,
      files: { [entry]: pluginSource({ name: integration, destination, marker }) },
    });
    trustMarkerWriters(proj, [p]);
    const at = { cwd: proj, args: place === "cli" ? ["--plugin", "../dev/exp"] : [] };
    expect(rowOf(list(w, at), pkg)).toEqual(okRow(p, place));
    runs(w, integration, p, at);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. A plugin that imports a package it does not declare
// ---------------------------------------------------------------------------------------------

describe("a plugin whose module imports an undeclared package", () => {
  it.each(["undeclared-dep-xyz", "@nope/missing-dep"])("is error naming %s; the others are unaffected; running it exits 1 naming the plugin and the cause", (missing) => {
    const w = world();
    const proj = project(join(w.root, "proj"), { "integrations-plugin-needy": "1.0.0", "integrations-plugin-helped": "1.0.0", "integrations-plugin-fine": "1.0.0" });
    const needy = plant(w, join(proj, "node_modules", "integrations-plugin-needy"), "integrations-plugin-needy", "needy", "proj", { prelude: `import missing from ${JSON.stringify(missing)};` });
    // Declared and installed in the plugin's own node_modules: fine.
    const helped = plant(w, join(proj, "node_modules", "integrations-plugin-helped"), "integrations-plugin-helped", "helped", "proj", {
      prelude: `import helper from "helper-dep";`,
      extra: { dependencies: { "helper-dep": "1.0.0" } },
      files: {
        "node_modules/helper-dep/package.json": JSON.stringify({ name: "helper-dep", version: "1.0.0", type: "module", main: "index.js" }),
        "node_modules/helper-dep/index.js": "export default 1;\n",
      },
    });
    const fine = plant(w, join(proj, "node_modules", "integrations-plugin-fine"), "integrations-plugin-fine", "fine", "proj");
    const user = userInstall(w, "integrations-plugin-u1", "u1", "user");
    trustMarkerWriters(proj, [needy, helped, fine, user]);

    const rows = list(w, { cwd: proj });
    const row = rowOf(rows, needy.pkg);
    expect(row).toMatchObject({ integration: "needy", source: "project", status: "error", path: real(needy.dir) });
    expect(row.cause).toContain(`"${missing}"`);
    expect(row.cause).toContain("missing dependency");
    for (const p of [helped, fine]) expect(rowOf(rows, p.pkg)).toEqual(okRow(p, "project"));
    expect(rowOf(rows, user.pkg)).toEqual(okRow(user, "user"));
    expectBuiltins(rows);

    const table = cli(w, ["list", "--check"], { cwd: proj });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`needy (${needy.pkg}): missing dependency "${missing}"`);

    fails(w, "needy", 1, [needy.pkg, real(needy.dir), `missing dependency "${missing}"`], { cwd: proj });
    runs(w, "helped", helped, { cwd: proj });
    runs(w, "fine", fine, { cwd: proj });
  });
});

// ---------------------------------------------------------------------------------------------
// 7. Incompatible peer range, from every source
// ---------------------------------------------------------------------------------------------

describe("a plugin that needs @integrations/plugin-sdk ^2.0.0", () => {
  const places = ["user", "global", "cli", "config"] as const;

  it.each(places)("is incompatible with the range in the cause and never imported (source %s)", (place) => {
    const w = world();
    const proj = project(join(w.root, "proj"));
    const pkg = "integrations-plugin-future";
    const o = { extra: { peerDependencies: { "@integrations/plugin-sdk": "^2.0.0" } } };
    let args: string[] = [];
    let planted: Planted;
    if (place === "user") planted = userInstall(w, pkg, "future", place, o);
    else if (place === "global") planted = plant(w, join(w.npmRoot, pkg), pkg, "future", place, o);
    else if (place === "cli") {
      planted = plant(w, join(w.root, "dev", "future"), pkg, "future", place, o);
      args = ["--plugin", join(w.root, "dev", "future")];
    } else {
      planted = plant(w, join(proj, "vendor", "future-plugin"), pkg, "future", place, o);
      rc(proj, "plugins:\n  - ./vendor/future-plugin\n");
    }
    trustMarkerWriters(proj, [planted]);
    const at = { cwd: proj, args };
    const row = rowOf(list(w, at), pkg);
    expect(row).toMatchObject({ integration: "future", source: place, status: "incompatible", path: real(planted.dir) });
    expect(row.cause).toContain("^2.0.0");
    const help = cli(w, ["--help"], at);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}future\s.*\[incompatible\]$/m);
    fails(w, "future", 1, [pkg, "^2.0.0"], at);
    expect(existsSync(planted.marker), "the incompatible plugin was imported").toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// 8. Linked plugins (links.json)
// ---------------------------------------------------------------------------------------------

describe("linked plugins", () => {
  it("lists a link whose directory was deleted as error (link target missing), and the others fine", () => {
    const w = world();
    const linked = plant(w, join(w.root, "work", "linked plugin"), "integrations-plugin-linked", "linked", "link");
    const gone = plant(w, join(w.root, "work", "gone"), "integrations-plugin-gone", "gone", "link");
    rmSync(gone.dir, { recursive: true });
    writeLinks(w, { [linked.pkg]: linked.dir, [gone.pkg]: gone.dir });
    const installed = userInstall(w, "integrations-plugin-u1", "u1", "user");
    const cwd = real(makeTempDir());
    // Not gone: its directory is deleted, so it writes nothing, and its row shows it runs sandboxed.
    trustMarkerWriters(cwd, [linked, installed]);

    const table = cli(w, ["list"], { cwd });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^gone\s+integrations-plugin-gone\s+-\s+user\s+sandboxed\s+error$/m);
    expect(table.stdout).toContain(`link target missing: ${gone.dir}`);

    const rows = list(w, { cwd });
    const row = rowOf(rows, gone.pkg);
    expect(row).toMatchObject({ integration: "gone", source: "user", status: "error", path: gone.dir });
    expect(row.cause).toContain(`link target missing: ${gone.dir}`);
    expect(rowOf(rows, linked.pkg)).toEqual(okRow(linked, "user"));
    expect(rowOf(rows, installed.pkg)).toEqual(okRow(installed, "user"));
    expectBuiltins(rows);

    fails(w, "gone", 1, [gone.pkg, "link target missing"], { cwd });
    runs(w, "linked", linked, { cwd });
    runs(w, "u1", installed, { cwd });
    const help = cli(w, ["--help"], { cwd });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}gone\s.*\[error\]$/m);
  });
});

// ---------------------------------------------------------------------------------------------
// 9. Paths with spaces
// ---------------------------------------------------------------------------------------------

describe("paths with spaces", () => {
  it("finds and runs a project plugin in a directory with spaces, from a subdirectory with spaces", () => {
    const w = world();
    const proj = project(join(w.root, "my project"), { "integrations-plugin-spaced": "1.0.0" });
    const spaced = plant(w, join(proj, "node_modules", "integrations-plugin-spaced"), "integrations-plugin-spaced", "spaced", "proj");
    const cwd = join(proj, "sub dir");
    mkdirSync(cwd);
    trustMarkerWriters(proj, [spaced]);
    expect(rowOf(list(w, { cwd }), spaced.pkg)).toEqual(okRow(spaced, "project"));
    runs(w, "spaced", spaced, { cwd });
  });

  it("loads --plugin paths with spaces (relative, absolute, file: URL) and a user directory with spaces", () => {
    const w = world();
    const cwd = real(makeTempDir());
    const rel = plant(w, join(cwd, "plugin dir", "rel one"), "integrations-plugin-rel", "rel", "cli");
    const abs = plant(w, join(w.root, "elsewhere with spaces", "abs"), "integrations-plugin-abs", "abs", "cli");
    const url = plant(w, join(w.root, "url dir", "u"), "@acme/integrations-plugin-url", "url", "cli");
    const dataDir = join(w.root, "user data dir");
    const user = userInstall(w, "integrations-plugin-uspace", "uspace", "user", {}, dataDir);
    trustMarkerWriters(cwd, [rel, abs, url, user]);
    const args = ["--plugin", "./plugin dir/rel one", `--plugin=${abs.dir}`, "-plugin", new URL(`file://${url.dir}`).href];
    const at = { cwd, args, env: { INTEGRATIONS_DATA_DIR: dataDir } };
    expect(args[4]).toContain("%20");

    const rows = list(w, at);
    for (const p of [rel, abs, url]) expect(rowOf(rows, p.pkg)).toEqual(okRow(p, "cli"));
    expect(rowOf(rows, user.pkg)).toEqual(okRow(user, "user"));
    for (const p of [rel, abs, url]) runs(w, p.integration, p, at);
    runs(w, "uspace", user, at);
  });
});

// ---------------------------------------------------------------------------------------------
// 10. --plugin and the config's plugins list come before the project
// ---------------------------------------------------------------------------------------------

describe("--plugin and the CLI config's plugins", () => {
  interface Setup {
    proj: string;
    cwd: string;
    project: Record<"alpha" | "beta" | "gamma" | "delta", Planted>;
    cliAlpha: Planted;
    cfgBeta: Planted;
    cfgGamma: Planted;
    cfgAlpha: Planted;
    byName: Planted;
  }

  /**
   * A project offering alpha, beta, gamma and delta; `./local/alpha-dev` (given with --plugin)
   * offers alpha; the config lists `./cfg/beta-dev` (beta), `./cfg/alpha-cfg` (alpha) and the
   * package `my-gamma` (gamma, not named like a plugin, in the project's node_modules). Runs from
   * `proj/sub`, so --plugin paths are relative to the working directory and config paths to the file.
   */
  function setup(w: World): Setup {
    const proj = project(join(w.root, "proj"), {
      "integrations-plugin-alpha": "1.0.0",
      "integrations-plugin-beta": "1.0.0",
      "integrations-plugin-gamma": "1.0.0",
      "integrations-plugin-delta": "1.0.0",
    });
    const nm = join(proj, "node_modules");
    const projectPlugins = {
      alpha: plant(w, join(nm, "integrations-plugin-alpha"), "integrations-plugin-alpha", "alpha", "project"),
      beta: plant(w, join(nm, "integrations-plugin-beta"), "integrations-plugin-beta", "beta", "project"),
      gamma: plant(w, join(nm, "integrations-plugin-gamma"), "integrations-plugin-gamma", "gamma", "project"),
      delta: plant(w, join(nm, "integrations-plugin-delta"), "integrations-plugin-delta", "delta", "project"),
    };
    const cwd = join(proj, "sub");
    const cliAlpha = plant(w, join(cwd, "local", "alpha-dev"), "@dev/integrations-plugin-alpha", "alpha", "cli");
    const cfgBeta = plant(w, join(proj, "cfg", "beta-dev"), "@dev/integrations-plugin-beta", "beta", "config");
    const cfgAlpha = plant(w, join(proj, "cfg", "alpha-cfg"), "@cfg/integrations-plugin-alpha", "alpha", "config");
    const cfgGamma = plant(w, join(nm, "my-gamma"), "my-gamma", "gamma", "config");
    const byName = plant(w, join(nm, "@tools", "epsilon"), "@tools/epsilon", "epsilon", "cli");
    rc(proj, "plugins:\n  - ./cfg/beta-dev\n  - my-gamma\n  - ./cfg/alpha-cfg\n");
    trustMarkerWriters(proj, [...Object.values(projectPlugins), cliAlpha, cfgBeta, cfgAlpha, cfgGamma, byName]);
    return { proj, cwd, project: projectPlugins, cliAlpha, cfgBeta, cfgGamma, cfgAlpha, byName };
  }

  it("lists them as cli / config, ahead of the project's, which are shadowed naming the winner", () => {
    const w = world();
    const s = setup(w);
    const at = { cwd: s.cwd, args: ["--plugin", "./local/alpha-dev", "--plugin", "@tools/epsilon"] };
    const rows = list(w, at);
    expect(rowOf(rows, s.cliAlpha.pkg)).toEqual(okRow(s.cliAlpha, "cli"));
    expect(rowOf(rows, s.byName.pkg)).toEqual(okRow(s.byName, "cli"));
    expect(rowOf(rows, s.cfgBeta.pkg)).toEqual(okRow(s.cfgBeta, "config"));
    expect(rowOf(rows, s.cfgGamma.pkg)).toEqual(okRow(s.cfgGamma, "config"));
    const shadows: [Planted, Planted][] = [
      [s.cfgAlpha, s.cliAlpha],
      [s.project.alpha, s.cliAlpha],
      [s.project.beta, s.cfgBeta],
      [s.project.gamma, s.cfgGamma],
    ];
    for (const [loser, winner] of shadows) {
      const row = rowOf(rows, loser.pkg);
      expect(row).toMatchObject({ integration: loser.integration, status: "shadowed", path: real(loser.dir) });
      expect(row.cause).toContain(`shadowed by ${winner.pkg} (${rowOf(rows, winner.pkg).source}`);
    }
    expect(rowOf(rows, s.project.delta.pkg)).toEqual(okRow(s.project.delta, "project"));
    // In precedence order: cli, config, project, builtin.
    const order = ["cli", "config", "project", "user", "global", "builtin"];
    const sources = rows.map((r) => order.indexOf(r.source));
    expect(sources).toEqual([...sources].sort((a, b) => a - b));
    expectBuiltins(rows);

    const help = cli(w, ["--help"], at);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}epsilon\s/m);
  });

  it("runs the winners, and a shadowed one by its package name", () => {
    const w = world();
    const s = setup(w);
    const at = { cwd: s.cwd, args: ["--plugin", "./local/alpha-dev"] };
    runs(w, "alpha", s.cliAlpha, at);
    runs(w, "beta", s.cfgBeta, at);
    runs(w, "gamma", s.cfgGamma, at);
    runs(w, "delta", s.project.delta, at);
    runs(w, s.project.alpha.pkg, s.project.alpha, at);
    for (const p of [s.project.beta, s.project.gamma, s.cfgAlpha]) expect(existsSync(p.marker), p.pkg).toBe(false);
    // Without --plugin, the config's alpha wins over the project's.
    runs(w, "alpha", s.cfgAlpha, { cwd: s.cwd });
  });

  it.each([["--plugin", "./local/alpha-dev"], ["-plugin", "./local/alpha-dev"], ["--plugin=./local/alpha-dev"], ["-plugin=file:./local/alpha-dev"]])(
    "takes %s anywhere on the line, also after the integration name",
    (...flag) => {
      const w = world();
      const s = setup(w);
      rmSync(join(s.cwd, "c.yaml"), { force: true });
      const result = cli(w, ["alpha", "-token", "env:A", ...flag, "-file", "c.yaml"], { cwd: s.cwd });
      expect(result.code, result.stderr).toBe(0);
      const text = readFileSync(join(s.cwd, "c.yaml"), "utf8");
      assertValidConfig(text);
      expect(text).toContain(`destination: ${s.cliAlpha.destination}`);
      expect(list(w, { cwd: s.cwd, args: flag }).find((r) => r.integration === "alpha" && r.status === "ok")?.source).toBe("cli");
    },
  );

  it("rejects --plugin without a value (exit 2)", () => {
    const w = world();
    const cwd = real(makeTempDir());
    const result = cli(w, ["list", "--plugin"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--plugin needs");
  });

  it("lists one record for a package reached through --plugin and the project (same realpath), labelled cli; a built-in stays builtin", () => {
    const w = world();
    const s = setup(w);
    const slack = workspacePath("packages", "plugin-slack");
    const at = { cwd: s.proj, args: ["--plugin", "./node_modules/integrations-plugin-delta", "--plugin", slack] };
    const rows = list(w, at);
    expect(rowOf(rows, s.project.delta.pkg)).toEqual(okRow(s.project.delta, "cli"));
    expect(rowOf(rows, "integrations-plugin-slack")).toMatchObject({ source: "builtin", status: "ok", path: real(slack) });
  });

  it("lists a --plugin path or package that does not exist as error, and keeps going", () => {
    const w = world();
    const s = setup(w);
    const at = { cwd: s.cwd, args: ["--plugin", "./no/such-plugin", "--plugin", "integrations-plugin-nowhere"] };
    const rows = list(w, at);
    expect(rowOf(rows, join(s.cwd, "no", "such-plugin"))).toMatchObject({ source: "cli", status: "error", cause: `path not found: ${join(s.cwd, "no", "such-plugin")}` });
    expect(rowOf(rows, "integrations-plugin-nowhere")).toMatchObject({ integration: "nowhere", source: "cli", status: "error" });
    expect(rowOf(rows, s.project.delta.pkg)).toEqual(okRow(s.project.delta, "project"));
    runs(w, "delta", s.project.delta, at);
  });
});

// ---------------------------------------------------------------------------------------------
// 11. autoDiscover: false
// ---------------------------------------------------------------------------------------------

describe("autoDiscover: false", () => {
  function setup(w: World, autoDiscover: boolean): { proj: string; scanned: Planted[]; kept: Planted[] } {
    const proj = project(join(w.root, "proj"), { "integrations-plugin-pp": "1.0.0" });
    const pp = plant(w, join(proj, "node_modules", "integrations-plugin-pp"), "integrations-plugin-pp", "pp", "project");
    const loose = plant(w, join(proj, "node_modules", "integrations-plugin-loose"), "integrations-plugin-loose", "loose", "project");
    const gg = plant(w, join(w.npmRoot, "integrations-plugin-gg"), "integrations-plugin-gg", "gg", "global");
    const home = join(w.pnpmHome, "global", "5", "node_modules");
    const gp = plant(w, join(home, "integrations-plugin-gp"), "integrations-plugin-gp", "gp", "pnpm");
    const uu = userInstall(w, "integrations-plugin-uu", "uu", "user");
    const cc = plant(w, join(proj, "plugins", "cc"), "integrations-plugin-cc", "cc", "config");
    rc(proj, `autoDiscover: ${autoDiscover}\nplugins:\n  - ./plugins/cc\n`);
    trustMarkerWriters(proj, [pp, loose, gg, gp, uu, cc]);
    return { proj, scanned: [pp, loose, gg, gp], kept: [uu, cc] };
  }

  it("hides the project's and the global plugins but keeps the built-ins, the user directory and the plugins list", () => {
    const w = world();
    const { proj, scanned, kept } = setup(w, false);
    const rows = list(w, { cwd: proj });
    for (const p of scanned)
      expect(
        rows.filter((r) => r.package === p.pkg),
        p.pkg,
      ).toEqual([]);
    expect(rowOf(rows, kept[0]!.pkg)).toEqual(okRow(kept[0]!, "user"));
    expect(rowOf(rows, kept[1]!.pkg)).toEqual(okRow(kept[1]!, "config"));
    expectBuiltins(rows);
    expect(rows).toHaveLength(kept.length + BUILTINS.length);

    for (const p of kept) runs(w, p.integration, p, { cwd: proj });
    runs(w, "github", builtin("github", "https://api.github.com"), { cwd: proj, args: ["-webhook-secret", "env:B"] });
    for (const p of scanned) {
      fails(w, p.integration, 2, [`unknown integration or command "${p.integration}"`], { cwd: proj });
      expect(existsSync(p.marker), `${p.pkg} was imported`).toBe(false);
    }
  });

  it("with autoDiscover: true the same setup lists them all", () => {
    const w = world();
    const { proj, scanned, kept } = setup(w, true);
    const rows = list(w, { cwd: proj });
    expect(rowOf(rows, scanned[0]!.pkg)).toEqual(okRow(scanned[0]!, "project"));
    expect(rowOf(rows, scanned[1]!.pkg)).toEqual(okRow(scanned[1]!, "project"));
    expect(rowOf(rows, scanned[2]!.pkg)).toEqual(okRow(scanned[2]!, "global"));
    expect(rowOf(rows, scanned[3]!.pkg)).toEqual(okRow(scanned[3]!, "global"));
    for (const p of kept) expect(rowOf(rows, p.pkg).status).toBe("ok");
    runs(w, "gg", scanned[2]!, { cwd: proj });
  });
});

// ---------------------------------------------------------------------------------------------
// Isolation itself
// ---------------------------------------------------------------------------------------------

describe("test isolation", () => {
  it("isolatedEnv points every machine location into the given directory", () => {
    const dir = real(makeTempDir());
    const env = isolatedEnv(dir);
    expect(Object.keys(env).sort()).toEqual(["HOME", "INTEGRATIONS_DATA_DIR", "NPM_CONFIG_PREFIX", "PNPM_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"]);
    for (const value of Object.values(env)) expect(value.startsWith(`${dir}/`)).toBe(true);
  });

  it("runCli isolates by default: a plugin in the inherited npm prefix is not seen", () => {
    const w = world();
    const leaked = plant(w, join(w.npmRoot, "integrations-plugin-leak"), "integrations-plugin-leak", "leak", "machine");
    const cwd = real(makeTempDir());
    // Inherited from the parent (as a real machine's would be), without an explicit env: not seen.
    // Both spellings are set: npm reads either, and a shell between (the bin launcher) may reorder
    // the environment, so with two different values which one wins would be up to it.
    const saved = { lower: process.env.npm_config_prefix, upper: process.env.NPM_CONFIG_PREFIX };
    process.env.npm_config_prefix = w.prefix;
    process.env.NPM_CONFIG_PREFIX = w.prefix;
    try {
      const isolated = runCli(["list", "--json"], { cwd });
      expect(isolated.code, isolated.stderr).toBe(0);
      expect(isolated.stdout).not.toContain(leaked.pkg);
      const inherited = runCli(["list", "--json"], { cwd, isolate: false });
      expect(inherited.code, inherited.stderr).toBe(0);
      expect(inherited.stdout).toContain(leaked.pkg);
    } finally {
      for (const [key, value] of [
        ["npm_config_prefix", saved.lower],
        ["NPM_CONFIG_PREFIX", saved.upper],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
