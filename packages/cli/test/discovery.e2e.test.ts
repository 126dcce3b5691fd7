/**
 * End to end: plugin discovery (docs/design.md "Plugins" and "Discovery") through the built CLI. Every fixture plugin is a
 * plain ESM package written into a temp dir; `runCli` spawns packages/cli/dist/bin.js there.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  assertValidConfig,
  fixturePackage,
  makeTempDir,
  pluginSource,
  runCli,
  throwingSource,
  workspacePath,
  writeFiles,
  writePackage,
  type CliResult,
  type Manifest,
  parseListRows,
  type ListRow as Row,
  rowOf,
  addedToNewFile,
  trustPlugins,
} from "@integrations/test-utils";

// ---------------------------------------------------------------------------------------------
// Fixture helpers (the fixture packages themselves come from @integrations/test-utils)
// ---------------------------------------------------------------------------------------------

/** Runs `list --check --json` in `cwd` (every plugin imported), expects exit 0 and returns the rows (only the checked fields). */
function listJson(cwd: string): Row[] {
  const result = runCli(["list", "--check", "--json"], { cwd });
  expect(result.code, result.stderr).toBe(0);
  return parseListRows(result.stdout);
}

/** The line of the `list` table for an integration, split into cells (two spaces or more part them: a cell such as "in process" holds one). */
function tableRow(stdout: string, integration: string): string[] {
  const lines = stdout.split("\n").filter((l) => l.split(/\s+/)[0] === integration);
  expect(lines, stdout).toHaveLength(1);
  return lines[0]!.trim().split(/\s{2,}/);
}

/** Runs an integration command writing `file` in `cwd`; expects success and returns the file's text. */
function runAndRead(cwd: string, args: string[], file: string): { result: CliResult; text: string } {
  const result = runCli([...args, "-file", file], { cwd });
  expect(result.code, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(0);
  const text = readFileSync(join(cwd, file), "utf8");
  expect(result.stdout).toBe(addedToNewFile(file, text));
  assertValidConfig(text);
  return { result, text };
}

const real = (path: string) => realpathSync(path);
const builtinDir = (name: string) => real(workspacePath("packages", `plugin-${name}`));
const builtinVersion = (name: string) => (JSON.parse(readFileSync(workspacePath("packages", `plugin-${name}`, "package.json"), "utf8")) as { version: string }).version;

/** The built-in integrations, as the CLI's package.json lists them (`integrations-plugin-<name>`). */
const BUILTINS = (JSON.parse(readFileSync(workspacePath("packages", "cli", "package.json"), "utf8")) as { integrationsBuiltins: string[] }).integrationsBuiltins.map((pkg) =>
  pkg.slice("integrations-plugin-".length),
);

/** Builtin rows as `list --json` must show them when nothing shadows them. */
function builtinRows(): Row[] {
  return BUILTINS.map((name) => ({
    integration: name,
    package: `integrations-plugin-${name}`,
    version: builtinVersion(name),
    source: "builtin",
    status: "ok",
    runs: "in-process",
    cause: null,
    path: builtinDir(name),
  }));
}

/** Every ancestor of `dir` that holds a package.json. */
function packageJsonsAbove(dir: string): string[] {
  const found: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, "package.json"))) found.push(join(d, "package.json"));
    if (d === dirname(d)) return found;
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Outside any project
// ---------------------------------------------------------------------------------------------

describe("outside any project", () => {
  it("lists the built-ins slack and github as builtin/ok, in the table and as JSON", () => {
    const cwd = real(makeTempDir());
    expect(packageJsonsAbove(cwd)).toEqual([]);
    expect(cwd.startsWith(real(workspacePath()))).toBe(false);

    const table = runCli(["list"], { cwd });
    expect(table.code, table.stderr).toBe(0);
    expect(tableRow(table.stdout, "slack")).toEqual(["slack", "integrations-plugin-slack", builtinVersion("slack"), "builtin", "in process", "ok"]);
    expect(tableRow(table.stdout, "github")).toEqual(["github", "integrations-plugin-github", builtinVersion("github"), "builtin", "in process", "ok"]);

    expect(listJson(cwd)).toEqual(builtinRows());
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Project plugins: real dir, pnpm-style symlink, scoped; with and without a manifest
// ---------------------------------------------------------------------------------------------

interface Project {
  root: string;
  markers: string;
}

/**
 * A temp project: package.json declaring alpha (dependencies) and x (devDependencies); beta is only
 * in node_modules, as a symlink to ../store/beta. Each module leaves a marker when imported.
 */
function makeProject(withManifest: boolean): Project {
  const root = real(
    makeTempDir({
      "package.json": JSON.stringify({
        name: "fixture-project",
        private: true,
        dependencies: { "integrations-plugin-alpha": "1.2.3" },
        devDependencies: { "@acme/integrations-plugin-x": "3.0.0" },
      }),
    }),
  );
  const markers = join(root, "markers");
  mkdirSync(markers);
  const manifest = (name: string): Manifest => (withManifest ? { apiVersion: 1, integrations: [name] } : null);
  writePackage(
    join(root, "node_modules", "integrations-plugin-alpha"),
    fixturePackage("integrations-plugin-alpha", "1.2.3", manifest("alpha"), pluginSource({ name: "alpha", destination: "https://alpha.example.com", marker: join(markers, "alpha") })),
  );
  writePackage(
    join(root, "store", "beta"),
    fixturePackage("integrations-plugin-beta", "2.0.1", manifest("beta"), pluginSource({ name: "beta", destination: "https://beta.example.com", marker: join(markers, "beta") })),
  );
  symlinkSync("../store/beta", join(root, "node_modules", "integrations-plugin-beta"), "dir");
  writePackage(
    join(root, "node_modules", "@acme", "integrations-plugin-x"),
    fixturePackage("@acme/integrations-plugin-x", "3.0.0", manifest("x"), pluginSource({ name: "x", destination: "https://x.example.com", marker: join(markers, "x") })),
  );
  // In process: each plugin writes a marker file, which a sandboxed plugin may not.
  trustPlugins(root, ["integrations-plugin-alpha", "integrations-plugin-beta", "@acme/integrations-plugin-x"]);
  return { root, markers };
}

const PROJECT_PLUGINS = [
  { integration: "alpha", pkg: "integrations-plugin-alpha", version: "1.2.3", dir: "node_modules/integrations-plugin-alpha", destination: "https://alpha.example.com" },
  { integration: "beta", pkg: "integrations-plugin-beta", version: "2.0.1", dir: "store/beta", destination: "https://beta.example.com" },
  { integration: "x", pkg: "@acme/integrations-plugin-x", version: "3.0.0", dir: "node_modules/@acme/integrations-plugin-x", destination: "https://x.example.com" },
] as const;

describe.each([
  { variant: "with a manifest", withManifest: true },
  { variant: "without a manifest", withManifest: false },
])("project plugins $variant", ({ withManifest }) => {
  it("lists the real-dir, symlinked (pnpm) and scoped plugins as project/ok with their versions and real paths", () => {
    const { root } = makeProject(withManifest);
    const rows = listJson(root);
    for (const p of PROJECT_PLUGINS) {
      expect(rowOf(rows, p.pkg)).toEqual({
        integration: p.integration,
        package: p.pkg,
        version: p.version,
        source: "project",
        status: "ok",
        runs: "in-process",
        cause: null,
        path: join(root, p.dir),
      });
    }
    // The built-ins are still there, unshadowed; nothing else is.
    expect(rows.filter((r) => r.source === "builtin")).toEqual(builtinRows());
    expect(rows).toHaveLength(PROJECT_PLUGINS.length + BUILTINS.length);

    const table = runCli(["list"], { cwd: root });
    expect(table.code, table.stderr).toBe(0);
    for (const p of PROJECT_PLUGINS) expect(tableRow(table.stdout, p.integration)).toEqual([p.integration, p.pkg, p.version, "project", "in process", "ok"]);
  });

  it.each(PROJECT_PLUGINS)("runs $integration ($pkg) and writes a valid block with its destination", (p) => {
    const { root, markers } = makeProject(withManifest);
    const { text } = runAndRead(root, [p.integration, "-token", "env:A"], "config.yaml");
    expect(text).toContain(`  - name: ${p.integration}\n    destination: ${p.destination}\n`);
    expect(text).toContain("- env:A");
    // Only the plugin that provides the command was imported.
    for (const other of PROJECT_PLUGINS) expect(existsSync(join(markers, other.integration)), other.integration).toBe(other.integration === p.integration);
  });
});

describe("project plugin discovery", () => {
  it("finds a plugin present only in node_modules (undeclared) as well as declared ones", () => {
    const root = real(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }) }));
    writePackage(
      join(root, "node_modules", "integrations-plugin-loose"),
      fixturePackage("integrations-plugin-loose", "0.1.0", { apiVersion: 1, integrations: ["loose"] }, pluginSource({ name: "loose", destination: "https://loose.example.com" })),
    );
    expect(rowOf(listJson(root), "integrations-plugin-loose")).toMatchObject({ integration: "loose", source: "project", status: "ok", version: "0.1.0" });
    const { text } = runAndRead(root, ["loose", "-token", "env:A"], "config.yaml");
    expect(text).toContain("destination: https://loose.example.com");
  });

  it("uses the nearest package.json at or above the working directory as the project", () => {
    const { root } = makeProject(true);
    const cwd = join(root, "src", "deep");
    mkdirSync(cwd, { recursive: true });
    const rows = listJson(cwd);
    for (const p of PROJECT_PLUGINS) expect(rowOf(rows, p.pkg)).toMatchObject({ integration: p.integration, source: "project", status: "ok" });
    const { text } = runAndRead(cwd, ["beta", "-token", "env:A"], "config.yaml");
    expect(text).toContain("destination: https://beta.example.com");
  });

  it.each(["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"])(
    "finds a plugin declared in %s and installed only in a hoisted node_modules above the project (monorepo)",
    (field) => {
      const mono = real(makeTempDir());
      writePackage(
        join(mono, "node_modules", "integrations-plugin-hoisted"),
        fixturePackage("integrations-plugin-hoisted", "4.5.6", { apiVersion: 1, integrations: ["hoisted"] }, pluginSource({ name: "hoisted", destination: "https://hoisted.example.com" })),
      );
      const app = join(mono, "packages", "app");
      writeFiles(app, { "package.json": JSON.stringify({ name: "app", private: true, [field]: { "integrations-plugin-hoisted": "^4.0.0" } }) });

      expect(rowOf(listJson(app), "integrations-plugin-hoisted")).toEqual({
        integration: "hoisted",
        package: "integrations-plugin-hoisted",
        version: "4.5.6",
        source: "project",
        status: "ok",
        runs: "sandbox",
        cause: null,
        path: join(mono, "node_modules", "integrations-plugin-hoisted"),
      });
      const { text } = runAndRead(app, ["hoisted", "-token", "env:A"], "config.yaml");
      expect(text).toContain("destination: https://hoisted.example.com");
    },
  );

  it("derives acme from a bare @acme/integrations-plugin without a manifest", () => {
    const root = real(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true, dependencies: { "@acme/integrations-plugin": "1.0.0" } }) }));
    writePackage(
      join(root, "node_modules", "@acme", "integrations-plugin"),
      fixturePackage("@acme/integrations-plugin", "1.0.0", null, pluginSource({ name: "acme", destination: "https://acme.example.com" })),
    );
    expect(rowOf(listJson(root), "@acme/integrations-plugin")).toMatchObject({ integration: "acme", source: "project", status: "ok" });
    const { text } = runAndRead(root, ["acme", "-token", "env:A"], "config.yaml");
    expect(text).toContain("destination: https://acme.example.com");
  });

  it("lists a declared but uninstalled plugin as error and keeps going", () => {
    const root = real(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true, dependencies: { "integrations-plugin-missing": "1.0.0" } }) }));
    const row = rowOf(listJson(root), "integrations-plugin-missing");
    expect(row).toMatchObject({ integration: "missing", source: "project", status: "error" });
    expect(row.cause).toContain("cannot be resolved");
    expect(listJson(root).filter((r) => r.source === "builtin")).toEqual(builtinRows());
  });
});

// ---------------------------------------------------------------------------------------------
// 3. A plugin that throws at import
// ---------------------------------------------------------------------------------------------

describe("a plugin that throws at import", () => {
  function brokenProject(): { root: string; dir: string } {
    const root = real(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true, dependencies: { "integrations-plugin-broken": "1.0.0" } }) }));
    const dir = join(root, "node_modules", "integrations-plugin-broken");
    writePackage(dir, fixturePackage("integrations-plugin-broken", "1.0.0", { apiVersion: 1, integrations: ["broken"] }, throwingSource("boom at import")));
    return { root, dir };
  }

  it("is listed as error with the cause by list --check, which exits 0 (table and JSON); plain list, never having seen it imported, says unchecked", () => {
    const { root, dir } = brokenProject();
    const plain = runCli(["list"], { cwd: root });
    expect(plain.code, plain.stderr).toBe(0);
    expect(tableRow(plain.stdout, "broken")).toEqual(["broken", "integrations-plugin-broken", "1.0.0", "project", "sandboxed", "unchecked"]);
    const table = runCli(["list", "--check"], { cwd: root });
    expect(table.code, table.stderr).toBe(0);
    expect(tableRow(table.stdout, "broken")).toEqual(["broken", "integrations-plugin-broken", "1.0.0", "project", "sandboxed", "error"]);
    expect(table.stdout).toMatch(/^ {2}broken \(integrations-plugin-broken\): .*boom at import/m);
    expect(tableRow(table.stdout, "slack")).toEqual(["slack", "integrations-plugin-slack", builtinVersion("slack"), "builtin", "in process", "ok"]);

    const rows = listJson(root);
    const row = rowOf(rows, "integrations-plugin-broken");
    expect(row).toMatchObject({ integration: "broken", version: "1.0.0", source: "project", status: "error", path: dir });
    expect(row.cause).toContain("boom at import");
    expect(rows.filter((r) => r.source === "builtin")).toEqual(builtinRows());
  });

  it("does not stop other plugins or --help", () => {
    const { root } = brokenProject();
    const { text } = runAndRead(root, ["slack", "-token", "env:A", "-signing-secret", "env:B"], "c.yaml");
    expect(text).toContain("destination: https://slack.com/api");

    const help = runCli(["--help"], { cwd: root });
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^ {2}broken\s/m);
    expect(help.stdout).toMatch(/^ {2}slack\s/m);
    expect(help.stdout).not.toContain("boom at import");
  });

  it("running it exits 1 naming the package, its path and the cause, not 'unknown command'", () => {
    const { root, dir } = brokenProject();
    const result = runCli(["broken", "-token", "env:A", "-file", "c.yaml"], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("integrations-plugin-broken");
    expect(result.stderr).toContain(dir);
    expect(result.stderr).toContain("boom at import");
    expect(result.stderr).not.toMatch(/unknown/i);
    expect(existsSync(join(root, "c.yaml"))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Nothing above the project; dangling symlinks
// ---------------------------------------------------------------------------------------------

describe("the project boundary", () => {
  it("never lists nor runs a plugin planted in a node_modules above the project", () => {
    const temp = real(makeTempDir());
    const marker = join(temp, "evil-imported");
    writePackage(
      join(temp, "outer", "node_modules", "integrations-plugin-evil"),
      fixturePackage("integrations-plugin-evil", "6.6.6", { apiVersion: 1, integrations: ["evil"] }, pluginSource({ name: "evil", destination: "https://evil.example.com", marker })),
    );
    const project = join(temp, "outer", "project");
    writeFiles(project, { "package.json": JSON.stringify({ name: "project", private: true }) });
    // In process: evil writes a marker file when imported, which a sandboxed plugin may not.
    trustPlugins(project, ["integrations-plugin-evil"]);

    const rows = listJson(project);
    expect(rows.filter((r) => r.integration === "evil" || r.package.includes("evil"))).toEqual([]);
    expect(rows).toEqual(builtinRows());

    const table = runCli(["list"], { cwd: project });
    expect(table.stdout).not.toContain("evil");

    for (const name of ["evil", "integrations-plugin-evil"]) {
      const run = runCli([name, "-token", "env:A", "-file", "c.yaml"], { cwd: project });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`unknown integration or command "${name}"`);
      expect(existsSync(join(project, "c.yaml"))).toBe(false);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it("skips a dangling symlink in node_modules without error", () => {
    const root = real(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }) }));
    writePackage(
      join(root, "node_modules", "integrations-plugin-alpha"),
      fixturePackage("integrations-plugin-alpha", "1.2.3", { apiVersion: 1, integrations: ["alpha"] }, pluginSource({ name: "alpha", destination: "https://alpha.example.com" })),
    );
    symlinkSync("../store/gone", join(root, "node_modules", "integrations-plugin-ghost"), "dir");
    mkdirSync(join(root, "node_modules", "@acme"));
    symlinkSync("../../store/gone-too", join(root, "node_modules", "@acme", "integrations-plugin-ghost"), "dir");

    const table = runCli(["list"], { cwd: root });
    expect(table.code).toBe(0);
    expect(table.stderr).toBe("");
    expect(table.stdout).not.toContain("ghost");

    const rows = listJson(root);
    expect(rows.map((r) => `${r.integration} ${r.status}`).sort()).toEqual(["alpha ok", ...BUILTINS.map((name) => `${name} ok`)].sort());

    const help = runCli(["--help"], { cwd: root });
    expect(help.code).toBe(0);
    expect(help.stdout).not.toContain("ghost");
    runAndRead(root, ["alpha", "-token", "env:A"], "config.yaml");
  });
});

// ---------------------------------------------------------------------------------------------
// 5. A project plugin shadows a built-in
// ---------------------------------------------------------------------------------------------

describe("shadowing", () => {
  function shadowProject(): string {
    const root = real(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true, dependencies: { "@acme/integrations-plugin-slack": "9.0.0" } }) }));
    writePackage(
      join(root, "node_modules", "@acme", "integrations-plugin-slack"),
      fixturePackage(
        "@acme/integrations-plugin-slack",
        "9.0.0",
        { apiVersion: 1, integrations: ["slack"] },
        pluginSource({ name: "slack", destination: "https://slack.acme.example.com", signingSecret: true }),
      ),
    );
    return root;
  }

  it("lists the built-in slack as shadowed by the project package", () => {
    const root = shadowProject();
    const rows = listJson(root);
    expect(rowOf(rows, "@acme/integrations-plugin-slack")).toEqual({
      integration: "slack",
      package: "@acme/integrations-plugin-slack",
      version: "9.0.0",
      source: "project",
      status: "ok",
      runs: "sandbox",
      cause: null,
      path: join(root, "node_modules", "@acme", "integrations-plugin-slack"),
    });
    const builtin = rowOf(rows, "integrations-plugin-slack");
    expect(builtin).toMatchObject({ integration: "slack", source: "builtin", status: "shadowed", path: builtinDir("slack") });
    expect(builtin.cause).toContain("@acme/integrations-plugin-slack");
    expect(rowOf(rows, "integrations-plugin-github").status).toBe("ok");
  });

  it("runs the project's slack for `integrations slack`", () => {
    const root = shadowProject();
    const { text } = runAndRead(root, ["slack", "-token", "env:A", "-signing-secret", "env:B"], "s.yaml");
    expect(text).toContain("destination: https://slack.acme.example.com");
    expect(text).not.toContain("https://slack.com/api");
  });

  it("still runs the built-in by its package name", () => {
    const root = shadowProject();
    const { text } = runAndRead(root, ["integrations-plugin-slack", "-token", "env:A", "-signing-secret", "env:B"], "x.yaml");
    expect(text).toContain("  - name: slack\n    destination: https://slack.com/api\n");
    expect(text).not.toContain("acme");
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Incompatible plugins are never imported
// ---------------------------------------------------------------------------------------------

describe("incompatible plugins", () => {
  it("lists a manifest apiVersion 2 as incompatible and never imports it", () => {
    const root = real(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true, dependencies: { "integrations-plugin-future": "2.0.0" } }) }));
    const marker = join(root, "future-imported");
    const dir = join(root, "node_modules", "integrations-plugin-future");
    writePackage(dir, fixturePackage("integrations-plugin-future", "2.0.0", { apiVersion: 2, integrations: ["future"] }, throwingSource("future was imported", marker)));
    // In process: the plugin writes a marker file when imported, which a sandboxed plugin may not.
    trustPlugins(root, ["integrations-plugin-future"]);

    const row = rowOf(listJson(root), "integrations-plugin-future");
    expect(row).toMatchObject({ integration: "future", version: "2.0.0", source: "project", status: "incompatible", path: dir });
    expect(row.cause).toContain("apiVersion 2");
    expect(row.cause).not.toContain("future was imported");

    const table = runCli(["list"], { cwd: root });
    expect(table.code).toBe(0);
    expect(tableRow(table.stdout, "future")).toEqual(["future", "integrations-plugin-future", "2.0.0", "project", "in process", "incompatible"]);

    const help = runCli(["--help"], { cwd: root });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}future\s.*\[incompatible\]$/m);

    const run = runCli(["future", "-token", "env:A", "-file", "c.yaml"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("integrations-plugin-future");
    expect(run.stderr).toContain("apiVersion 2");

    for (const r of [table, help, run]) expect(r.stdout + r.stderr).not.toContain("future was imported");
    expect(existsSync(marker)).toBe(false);
  });

  it("lists a plugin whose @integrations/plugin-sdk peer range excludes this host as incompatible (with the range) and never imports it", () => {
    const root = real(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true, dependencies: { "integrations-plugin-peer": "1.0.0" } }) }));
    const marker = join(root, "peer-imported");
    writePackage(
      join(root, "node_modules", "integrations-plugin-peer"),
      fixturePackage("integrations-plugin-peer", "1.0.0", { apiVersion: 1, integrations: ["peer"] }, pluginSource({ name: "peer", destination: "https://peer.example.com", marker }), {
        peerDependencies: { "@integrations/plugin-sdk": "^2.0.0" },
      }),
    );
    // In process: the plugin writes a marker file when imported, which a sandboxed plugin may not.
    trustPlugins(root, ["integrations-plugin-peer"]);

    const row = rowOf(listJson(root), "integrations-plugin-peer");
    expect(row).toMatchObject({ integration: "peer", status: "incompatible" });
    expect(row.cause).toContain("^2.0.0");
    expect(existsSync(marker)).toBe(false);
  });

  it("accepts a plugin whose peer range includes this host's SDK", () => {
    const root = real(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }) }));
    writePackage(
      join(root, "node_modules", "integrations-plugin-peerok"),
      fixturePackage("integrations-plugin-peerok", "1.0.0", { apiVersion: 1, integrations: ["peerok"] }, pluginSource({ name: "peerok", destination: "https://peerok.example.com" }), {
        peerDependencies: { "@integrations/plugin-sdk": "^1.0.0" },
      }),
    );
    expect(rowOf(listJson(root), "integrations-plugin-peerok")).toMatchObject({ integration: "peerok", status: "ok", cause: null });
  });
});

// ---------------------------------------------------------------------------------------------
// 7. Bad shapes
// ---------------------------------------------------------------------------------------------

describe("plugins with a bad shape", () => {
  const cases = [
    {
      what: "a default export without build",
      name: "nobuild",
      source: pluginSource({ name: "nobuild", destination: "https://nobuild.example.com", noBuild: true }),
      cause: ["build", "must be a function"],
    },
    {
      what: "a flag named like the common flag --name",
      name: "clash",
      source: pluginSource({ name: "clash", destination: "https://clash.example.com", extraFlags: `    name: { type: "string", description: "clashes" },` }),
      cause: ["--name", "common flag"],
    },
    {
      what: "a manifest that disagrees with the exported name",
      name: "gamma",
      source: pluginSource({ name: "delta", destination: "https://delta.example.com" }),
      cause: ['"gamma"', "delta"],
    },
    {
      what: "no default export",
      name: "nodefault",
      source: "export const plugin = {};\n",
      cause: ["default export"],
    },
  ];

  it.each(cases)("lists $what as error naming the problem, and running it exits 1 with that cause", (c) => {
    const pkg = `integrations-plugin-${c.name}`;
    const root = real(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true, dependencies: { [pkg]: "1.0.0" } }) }));
    const dir = join(root, "node_modules", pkg);
    writePackage(dir, fixturePackage(pkg, "1.0.0", { apiVersion: 1, integrations: [c.name] }, c.source));

    const rows = listJson(root);
    const row = rowOf(rows, pkg);
    expect(row).toMatchObject({ integration: c.name, source: "project", status: "error", path: dir });
    for (const part of c.cause) expect(row.cause).toContain(part);
    expect(rows.filter((r) => r.source === "builtin")).toEqual(builtinRows());

    const run = runCli([c.name, "-token", "env:A", "-file", "c.yaml"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(pkg);
    expect(run.stderr).toContain(dir);
    for (const part of c.cause) expect(run.stderr).toContain(part);
    expect(existsSync(join(root, "c.yaml"))).toBe(false);
  });

  it.each([
    { variant: "with a manifest", manifest: { apiVersion: 1, integrations: ["list"] } },
    { variant: "without a manifest", manifest: null },
  ])("lists a plugin named `list` ($variant) as error: a command word; `list` stays the command", ({ manifest }) => {
    const root = real(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true, dependencies: { "integrations-plugin-list": "1.0.0" } }) }));
    writePackage(
      join(root, "node_modules", "integrations-plugin-list"),
      fixturePackage("integrations-plugin-list", "1.0.0", manifest, pluginSource({ name: "list", destination: "https://list.example.com" })),
    );
    const row = rowOf(listJson(root), "integrations-plugin-list");
    expect(row).toMatchObject({ integration: "list", source: "project", status: "error" });
    expect(row.cause).toContain("command word");
  });
});

// ---------------------------------------------------------------------------------------------
// 8. --help reads manifests only
// ---------------------------------------------------------------------------------------------

describe("--help in a project", () => {
  it.each([
    { variant: "with manifests", withManifest: true },
    { variant: "without manifests", withManifest: false },
  ])("lists alpha, beta and x without importing them ($variant)", ({ withManifest }) => {
    const { root, markers } = makeProject(withManifest);
    const help = runCli(["--help"], { cwd: root });
    expect(help.code, help.stderr).toBe(0);
    for (const name of ["alpha", "beta", "x", "slack", "github"]) expect(help.stdout).toMatch(new RegExp(`^ {2}${name}\\s`, "m"));
    for (const name of ["alpha", "beta", "x"]) expect(existsSync(join(markers, name)), `${name} was imported by --help`).toBe(false);

    // `list` imports nothing either: never imported, they are unchecked.
    const list = runCli(["list"], { cwd: root });
    expect(list.code, list.stderr).toBe(0);
    for (const name of ["alpha", "beta", "x"]) expect(list.stdout).toMatch(new RegExp(`^${name}\\s.*\\sunchecked$`, "m"));
    for (const name of ["alpha", "beta", "x"]) expect(existsSync(join(markers, name)), `${name} was imported by list`).toBe(false);

    // The markers do work: `list --check` imports every plugin to report its real status, which
    // `list` then shows without importing.
    expect(runCli(["list", "--check"], { cwd: root }).code).toBe(0);
    for (const name of ["alpha", "beta", "x"]) expect(existsSync(join(markers, name)), `${name} was not imported by list --check`).toBe(true);
    for (const name of ["alpha", "beta", "x"]) rmSync(join(markers, name));
    const after = runCli(["list"], { cwd: root });
    for (const name of ["alpha", "beta", "x"]) expect(after.stdout).toMatch(new RegExp(`^${name}\\s.*\\sok$`, "m"));
    for (const name of ["alpha", "beta", "x"]) expect(existsSync(join(markers, name)), `${name} was imported by list`).toBe(false);
  });
});
