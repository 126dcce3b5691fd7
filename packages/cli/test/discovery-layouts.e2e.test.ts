/**
 * End to end: install layouts that discovery must read right, each made by the real package manager
 * (pnpm 12's `pnpm add -g`, `npm install` of a packed CLI of another version, Yarn 4's Plug'n'Play,
 * `npm install -g`), then `list`, `doctor` and a run of an integration through the launcher.
 *
 * Every run is isolated from the machine (`isolatedEnv`): the user plugin directory, npm's global
 * prefix, pnpm's home and HOME are the test's own temp directories. Package managers run without
 * the `npm_config_*` that `pnpm test` sets; npm and Yarn fetch the CLI's third-party dependencies
 * from the registry npm is configured with (our packages come from packed tarballs).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  assertValidConfig,
  cliEnv,
  fixturePackage,
  isolatedEnv,
  makeTempDir,
  packPublicPackages,
  parseListRows,
  pluginSource,
  rowOf,
  runCli,
  workspacePath,
  writeFiles,
  writePackage,
  type CliResult,
  type ListRow,
  type PackedPackage,
} from "@integrations/test-utils";

/** How long one package manager command may run before it is killed: a bound on a stuck one, never a speed check. */
const TOOL_GUARD_MS = 240_000;

/** One test's machine: a temp root and the isolated locations the CLI and the package managers use. */
interface Machine {
  root: string;
  env: Record<string, string>;
}

function machine(): Machine {
  const root = realpathSync(makeTempDir());
  const env = isolatedEnv(join(root, "machine"));
  // pnpm 12 refuses `add -g` unless its bin directory is on PATH.
  return { root, env: { ...env, PATH: `${join(env.PNPM_HOME!, "bin")}:${process.env.PATH ?? ""}` } };
}

/**
 * Runs a package manager (`npm`, `pnpm`, `node <yarn.js>`) in `cwd` with the machine's environment and
 * none of the inherited `npm_config_*`; throws with its output unless it exits 0.
 */
function tool(m: Machine, command: string, args: readonly string[], cwd: string, extra: Record<string, string> = {}): string {
  const inherited = Object.fromEntries(Object.entries(cliEnv({ env: m.env })).filter(([key]) => !/^(npm|pnpm)_config_/i.test(key)));
  const env = { ...inherited, ...m.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false", ...extra };
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: TOOL_GUARD_MS, killSignal: "SIGKILL" });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** A fixture plugin package written in a directory of its own. */
interface Plugin {
  pkg: string;
  integration: string;
  version: string;
  dir: string;
  /** `https://<integration>-<tag>.example.com`: a run shows which copy ran. */
  destination: string;
}

function writePlugin(m: Machine, pkg: string, integration: string, tag: string, version = "1.0.0"): Plugin {
  const dir = join(m.root, "plugins", `${integration}-${tag}`);
  const destination = `https://${integration}-${tag}.example.com`;
  writePackage(dir, fixturePackage(pkg, version, { apiVersion: 1, integrations: [integration] }, pluginSource({ name: integration, destination })));
  return { pkg, integration, version, dir, destination };
}

/** `npm pack` of a plugin directory into the machine's tarball folder; the tarball's path. */
function pack(m: Machine, plugin: Plugin): string {
  const into = join(m.root, "tarballs");
  mkdirSync(into, { recursive: true });
  const [{ filename }] = JSON.parse(tool(m, "npm", ["pack", plugin.dir, "--pack-destination", into, "--json"], m.root)) as [{ filename: string }];
  return join(into, filename);
}

function cli(m: Machine, args: readonly string[], cwd: string): CliResult {
  return runCli(args, { cwd, env: m.env });
}

/** `list --check --json` in `cwd`: each layout's plugins imported, so `ok` means this CLI really loads them there. */
function list(m: Machine, cwd: string): { rows: ListRow[]; stderr: string } {
  const result = cli(m, ["list", "--check", "--json"], cwd);
  expect(result.code, result.stderr).toBe(0);
  return { rows: parseListRows(result.stdout), stderr: result.stderr };
}

/** `integrations <name> -token env:A -file c.yaml` in `cwd`: exit 0, a config valid under the proxy's schema holding `destination`; the run. */
function adds(m: Machine, name: string, destination: string, cwd: string): CliResult {
  rmSync(join(cwd, "c.yaml"), { force: true });
  const result = cli(m, [name, "-token", "env:A", "-file", "c.yaml"], cwd);
  expect(result.code, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(0);
  const text = readFileSync(join(cwd, "c.yaml"), "utf8");
  assertValidConfig(text);
  expect(text).toContain(`  - name: ${name}\n    destination: ${destination}\n`);
  return result;
}

/** The built-ins, as the workspace CLI's package.json lists them. */
const BUILTINS = (JSON.parse(readFileSync(workspacePath("packages", "cli", "package.json"), "utf8")) as { integrationsBuiltins: string[] }).integrationsBuiltins;

describe("pnpm 12's global installs (pnpm add -g into a temp PNPM_HOME)", () => {
  it("lists and runs plugins from each install directory pnpm made, the current version only", () => {
    const m = machine();
    const first = writePlugin(m, "integrations-plugin-pa", "pa", "v1");
    const other = writePlugin(m, "@acme/integrations-plugin-pb", "pb", "acme");
    const updated = writePlugin(m, "integrations-plugin-pa", "pa", "v2", "1.1.0");
    for (const plugin of [first, other, updated]) tool(m, "pnpm", ["add", "-g", pack(m, plugin)], m.root);
    // The layout pnpm 12 made: global/v<N>/, one install directory per install group, no older global/<N>/node_modules.
    const globalDir = join(m.env.PNPM_HOME!, "global");
    expect(readdirSync(globalDir)).toEqual([expect.stringMatching(/^v\d+$/)]);

    const cwd = realpathSync(makeTempDir());
    const { rows } = list(m, cwd);
    const pa = rowOf(rows, first.pkg);
    expect(pa).toMatchObject({ integration: "pa", version: "1.1.0", source: "global", status: "ok", cause: null });
    expect(rowOf(rows, other.pkg)).toMatchObject({ integration: "pb", version: "1.0.0", source: "global", status: "ok", cause: null });
    for (const row of [pa, rowOf(rows, other.pkg)]) expect(row.path.startsWith(`${realpathSync(globalDir)}/`), row.path).toBe(true);
    expect(rows).toHaveLength(2 + BUILTINS.length);
    adds(m, "pa", updated.destination, cwd);
    adds(m, "pb", other.destination, cwd);
  });
});

describe("packed CLI installs", () => {
  let packed: PackedPackage[];
  beforeAll(() => {
    packed = packPublicPackages(makeTempDir());
  });

  /** The tarball of workspace package `name`. */
  const tarball = (name: string) => packed.find((p) => p.name === name)!.tarball;

  /** The CLI's tarball with its package.json's version set to `version` (a project pinning another release). */
  function cliAt(m: Machine, version: string): string {
    const dir = join(m.root, "cli-unpacked");
    mkdirSync(dir, { recursive: true });
    tool(m, "tar", ["-xzf", tarball("@integrations/cli"), "-C", dir], m.root);
    const manifest = join(dir, "package", "package.json");
    writeFileSync(manifest, JSON.stringify({ ...(JSON.parse(readFileSync(manifest, "utf8")) as object), version }, null, 2));
    const out = join(m.root, `integrations-cli-${version}.tgz`);
    tool(m, "tar", ["-czf", out, "-C", dir, "package"], m.root);
    return out;
  }

  /** `file:` specs, relative to `from`, of every packed package but the CLI: where npm's overrides and Yarn's resolutions take the CLI's dependencies from. */
  function packedDependencies(from: string): Record<string, string> {
    return Object.fromEntries(packed.filter((p) => p.name !== "@integrations/cli").map((p) => [p.name, `file:${relative(from, p.tarball)}`]));
  }

  it("a project with its own @integrations/cli of another version (npm install): its hoisted built-ins are not project plugins; list and doctor say how to run it", () => {
    const m = machine();
    const proj = join(m.root, "proj");
    const acme = writePlugin(m, "@acme/integrations-plugin-px", "px", "acme");
    const deps = packedDependencies(proj);
    // The project declares slack itself (the same package its CLI brings): that one is a project plugin.
    const slack = deps["integrations-plugin-slack"]!;
    writeFiles(proj, {
      "package.json": JSON.stringify(
        {
          name: "proxy-config",
          private: true,
          dependencies: { "integrations-plugin-slack": slack, [acme.pkg]: `file:${relative(proj, pack(m, acme))}` },
          devDependencies: { "@integrations/cli": `file:${relative(proj, cliAt(m, "0.9.0"))}` },
          overrides: { ...deps, "integrations-plugin-slack": "$integrations-plugin-slack" },
        },
        null,
        2,
      ),
    });
    // Install scripts off: the project CLI's postinstall (its start-up snapshot) plays no part here.
    tool(m, "npm", ["install", "--ignore-scripts"], proj);
    for (const name of BUILTINS) expect(readdirSync(join(proj, "node_modules")), "npm hoisted the built-ins").toContain(name);

    const { rows, stderr } = list(m, proj);
    expect(
      rows
        .filter((r) => r.source === "project")
        .map((r) => `${r.package} ${r.status}`)
        .sort(),
    ).toEqual([`${acme.pkg} ok`, "integrations-plugin-slack ok"]);
    expect(rows.filter((r) => r.integration === "slack").map((r) => `${r.source} ${r.status}`)).toEqual(["project ok", "builtin shadowed"]);
    const builtins = rows.filter((r) => r.source === "builtin");
    expect(builtins).toHaveLength(BUILTINS.length);
    expect(builtins.filter((r) => r.status !== "ok").map((r) => r.integration)).toEqual(["slack"]);
    for (const row of builtins) expect(row.path.startsWith(`${proj}/`), row.path).toBe(false);
    const notice = `this project has its own @integrations/cli 0.9.0 (${join(proj, "node_modules", "@integrations", "cli")})`;
    expect(stderr).toContain(notice);
    expect(stderr).toContain("run the project's CLI with npx integrations …");

    const doctor = cli(m, ["doctor"], proj);
    expect(doctor.code, doctor.stderr).toBe(0);
    expect(doctor.stdout).toContain(notice);
    const report = JSON.parse(cli(m, ["doctor", "--json"], proj).stdout) as { projectCli: { version: string; run: string } | null };
    expect(report.projectCli).toMatchObject({ version: "0.9.0", run: "npx integrations" });

    adds(m, "px", acme.destination, proj);
    adds(m, "linear", "https://api.linear.app", proj);
  });

  it("a Yarn 4 Plug'n'Play project: yarn integrations runs its plugin; a CLI started outside Yarn names Plug'n'Play and the fixes", () => {
    const m = machine();
    const yarnDir = join(m.root, "yarn");
    writeFiles(yarnDir, { "package.json": "{}" });
    tool(m, "npm", ["install", "--prefix", yarnDir, "@yarnpkg/cli-dist@4"], yarnDir);
    const yarn = join(yarnDir, "node_modules", "@yarnpkg", "cli-dist", "bin", "yarn.js");
    const proj = join(m.root, "proj");
    const plugin = writePlugin(m, "integrations-plugin-yy", "yy", "pnp");
    writeFiles(proj, {
      "package.json": JSON.stringify(
        {
          name: "proxy-config",
          private: true,
          devDependencies: { "@integrations/cli": `file:${relative(proj, tarball("@integrations/cli"))}`, [plugin.pkg]: `file:${relative(proj, pack(m, plugin))}` },
          resolutions: packedDependencies(proj),
        },
        null,
        2,
      ),
      "yarn.lock": "",
      ".yarnrc.yml": "enableTelemetry: false\n",
    });
    const yarnEnv = { YARN_ENABLE_IMMUTABLE_INSTALLS: "false", YARN_ENABLE_PROGRESS_BARS: "false" };
    tool(m, process.execPath, [yarn, "install"], proj, yarnEnv);
    expect(readdirSync(proj)).toContain(".pnp.cjs");
    expect(readdirSync(proj)).not.toContain("node_modules");

    // Sandboxed (the default), a plugin inside Plug'n'Play's zip archives cannot be loaded: one line says so and how to go on.
    expect(() => tool(m, process.execPath, [yarn, "integrations", "yy", "-token", "env:A", "-file", "c.yaml"], proj, yarnEnv)).toThrow(
      /exited 1:\n\nerror: plugin integrations-plugin-yy \(.*\) cannot be loaded: it is installed by Yarn Plug'n'Play, inside a zip archive the sandbox's node process cannot load it from; trust it/,
    );
    expect(existsSync(join(proj, "c.yaml"))).toBe(false);

    // Trusted, the project's own CLI, run by Yarn under Plug'n'Play, finds and runs the plugin in process.
    writeFiles(proj, { ".integrationsrc.yaml": `trust:\n  - ${plugin.pkg}\n` });
    const listed = tool(m, process.execPath, [yarn, "integrations", "list", "--check"], proj, yarnEnv);
    expect(listed).toMatch(/^yy\s+integrations-plugin-yy\s+1\.0\.0\s+project\s+in process\s+ok$/m);
    expect(tool(m, process.execPath, [yarn, "integrations", "yy", "-token", "env:A", "-file", "c.yaml"], proj, yarnEnv)).toContain("added yy to c.yaml");
    const text = readFileSync(join(proj, "c.yaml"), "utf8");
    assertValidConfig(text);
    expect(text).toContain(`destination: ${plugin.destination}`);

    // The launcher of another copy (a global CLI) cannot load Plug'n'Play's packages: it says so, and how to fix it.
    const pnpFile = join(proj, ".pnp.cjs");
    const parts = [`the project uses Yarn Plug'n'Play (${pnpFile}, no node_modules)`, "yarn integrations …", `nodeLinker: node-modules in ${join(proj, ".yarnrc.yml")}`];
    const row = rowOf(list(m, proj).rows, plugin.pkg);
    expect(row).toMatchObject({ integration: "yy", source: "project", status: "error" });
    for (const part of parts) expect(row.cause).toContain(part);
    expect(row.cause).not.toMatch(/npm install/);
    const run = cli(m, ["yy", "-token", "env:A", "-file", "d.yaml"], proj);
    expect(run.code).toBe(1);
    for (const part of parts) expect(run.stderr).toContain(part);
    expect(run.stderr).not.toMatch(/npm install|unknown integration/);
    const doctor = cli(m, ["doctor"], proj);
    for (const part of parts) expect(doctor.stdout).toContain(part);
  });
});

describe("a plugins: entry of the CLI config that cannot be resolved from the config file's directory", () => {
  it("is an error row naming the real package and where to install it; it hides no working copy, and the run says which copy it used", () => {
    const m = machine();
    const billing = writePlugin(m, "integrations-plugin-billing", "billing", "global");
    tool(m, "npm", ["install", "-g", pack(m, billing)], m.root);
    const proj = join(m.root, "proj");
    writeFiles(proj, { "package.json": JSON.stringify({ name: "proxy-config", private: true }), ".integrationsrc.yaml": 'plugins:\n  - billing\n  - "@acme/ledger"\n' });
    const rc = join(proj, ".integrationsrc.yaml");
    const globalDir = join(m.env.NPM_CONFIG_PREFIX!, "lib", "node_modules", billing.pkg);

    const { rows } = list(m, proj);
    const broken = rows.filter((r) => r.integration === "billing" && r.source === "config");
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ package: "integrations-plugin-billing", status: "error" });
    expect(broken[0]!.cause).toContain(`plugins entry "billing" in ${rc} cannot be resolved from ${proj}`);
    expect(broken[0]!.cause).toContain(`npm install integrations-plugin-billing, in ${proj}`);
    expect(broken[0]!.cause).toContain(`meanwhile integrations billing runs integrations-plugin-billing@1.0.0 (global, ${globalDir})`);
    expect(broken[0]!.cause).not.toMatch(/npm install billing\b/);
    expect(rows.filter((r) => r.integration === "billing" && r.source === "global")).toMatchObject([{ package: billing.pkg, status: "ok", path: globalDir }]);
    const ledger = rowOf(rows, "@acme/integrations-plugin-ledger");
    expect(ledger).toMatchObject({ integration: "ledger", source: "config", status: "error" });
    expect(ledger.cause).toContain(`npm install @acme/integrations-plugin-ledger, in ${proj}`);

    const help = cli(m, ["--help"], proj);
    expect(help.stdout.match(/^ {2}billing\s.*$/gm)).toEqual([expect.not.stringContaining("[error]")]);

    const run = adds(m, "billing", billing.destination, proj);
    expect(run.stderr).toContain(`plugins entry "billing" in ${rc} cannot be resolved`);
    expect(run.stderr).toContain("meanwhile integrations billing runs integrations-plugin-billing@1.0.0 (global");
    const failed = cli(m, ["ledger", "-token", "env:A", "-file", "c.yaml"], proj);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`npm install @acme/integrations-plugin-ledger, in ${proj}`);

    // Installed where the entry is resolved from, the shorthand finds its plugin package, which wins.
    const local = writePlugin(m, "integrations-plugin-billing", "billing", "local", "2.0.0");
    tool(m, "npm", ["install", "--no-save", pack(m, local)], proj);
    const after = list(m, proj).rows.filter((r) => r.integration === "billing");
    expect(after.map((r) => `${r.source} ${r.version} ${r.status}`)).toEqual(["config 2.0.0 ok", "global 1.0.0 shadowed"]);
    expect(adds(m, "billing", local.destination, proj).stderr).not.toContain("cannot be resolved");
  });
});
