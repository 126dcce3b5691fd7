/**
 * End to end: an installed plugin runs only what the user chose.
 *
 * - `plugins install` runs npm with lifecycle scripts off: a `preinstall`/`install`/`postinstall` that
 *   would leave a marker leaves none (and the same tarball installed by plain npm does, so the check can fail).
 * - `plugins install|update|uninstall` hand npm validated specs only, after `--`: an option such as
 *   `--git=<program>` is a usage error before npm runs (plain npm given it runs the program).
 * - A plugin whose `build` throws or returns an invalid block, or whose import never settles: one
 *   `error:` line naming the plugin package, exit 1, config.yaml byte for byte as it was.
 * - A plugin *name* with path tricks, in `plugins uninstall|inspect|update` and as an integration
 *   command: a usage error (exit 2); nothing written, no bait module outside the plugin dirs imported.
 * - `--no-plugins` (anywhere on the line) and `INTEGRATIONS_NO_PLUGINS=1`: built-ins only; project
 *   and user-dir plugins are neither listed nor imported.
 *
 * Fixture plugins are plain ESM packages (test-utils' plugin fixtures) whose modules leave a marker
 * file when imported. npm runs offline: the fixtures have no dependencies.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  assertValidConfig,
  fixturePackage,
  makeTempDir,
  parseListRows,
  pluginSource,
  runCli,
  runCliEach,
  slackBlock,
  writeFiles,
  writePackage,
  trustPlugins,
  writeProjectPlugin,
  type CliResult,
} from "@integrations/test-utils";

const real = (path: string) => realpathSync(path);

/** HOME for npm (no ~/.npmrc of the machine) and its cache, shared by this file's runs. */
const home = real(makeTempDir());
const npmEnv = (): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_config_/i.test(key))),
  HOME: home,
  npm_config_cache: join(home, ".npm"),
});

/** A temp project (realpath) with config.yaml holding one slack block, and its own user plugin directory. */
function project(files: Record<string, string> = {}) {
  const root = real(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }), "config.yaml": `integrations:\n${slackBlock()}`, ...files }));
  const dataDir = join(root, "data");
  const config = readFileSync(join(root, "config.yaml"));
  assertValidConfig(config.toString("utf8"));
  const runEnv = (env: Record<string, string>) => ({ INTEGRATIONS_DATA_DIR: dataDir, HOME: home, npm_config_cache: join(home, ".npm"), ...env });
  return {
    root,
    dataDir,
    run: (args: string[], env: Record<string, string> = {}, cwd = root): CliResult => runCli(args, { cwd, env: runEnv(env) }),
    /** `run` of each argument list, overlapping: only for runs that change nothing another one reads (refused ones). */
    runEach: (argsList: readonly string[][], cwd = root): Promise<CliResult[]> => runCliEach(argsList.map((args) => ({ args, cwd, env: runEnv({}) }))),
    expectConfigUntouched: (context: string) => expect(readFileSync(join(root, "config.yaml")).equals(config), context).toBe(true),
  };
}

/** One `error:` line on stderr (no stack), exit `code`, nothing on stdout. */
function expectOneLineError(result: CliResult, code: number, context: string): string {
  expect(result.code, `${context}\n${result.stderr}`).toBe(code);
  expect(result.stdout, context).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines, context).toHaveLength(1);
  expect(lines[0], context).toMatch(/^error: /);
  expect(result.stderr, context).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

/** Every file under `dir` with its bytes (empty when `dir` does not exist): proves nothing was written. */
function tree(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: false }) as string[]) {
    const path = join(dir, entry);
    if (statSync(path).isFile()) out[entry] = readFileSync(path, "base64");
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 1. Lifecycle scripts off
// ---------------------------------------------------------------------------------------------

describe("plugins install runs no lifecycle script", () => {
  it("a tarball and a directory whose preinstall/install/postinstall would leave markers: installed, no marker", () => {
    const p = project();
    const markers = join(p.root, "markers");
    const scripts = Object.fromEntries(
      ["preinstall", "install", "postinstall"].map((hook) => [
        hook,
        `node -e "require('fs').mkdirSync(process.argv[1],{recursive:true});require('fs').writeFileSync(require('path').join(process.argv[1],'${hook}'),'ran')" ${JSON.stringify(markers)}`,
      ]),
    );
    const src = join(p.root, "src", "scripted");
    writePackage(
      src,
      fixturePackage("integrations-plugin-scripted", "1.0.0", { apiVersion: 1, integrations: ["scripted"] }, pluginSource({ name: "scripted", destination: "https://scripted.example.com" }), {
        scripts,
      }),
    );
    const packed = spawnSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", p.root], { cwd: src, env: npmEnv(), encoding: "utf8", timeout: 60_000 });
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = join(p.root, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);

    // The control: the same tarball installed by plain npm does run the scripts.
    const control = spawnSync("npm", ["install", "--prefix", join(p.root, "control"), "--no-audit", "--no-fund", tarball], { env: npmEnv(), encoding: "utf8", timeout: 60_000 });
    expect(control.status, control.stderr).toBe(0);
    expect(readdirSync(markers).sort()).toEqual(["install", "postinstall", "preinstall"]);
    readdirSync(markers).forEach((file) => expect(readFileSync(join(markers, file), "utf8")).toBe("ran"));
    spawnSync("rm", ["-rf", markers]);

    for (const spec of [`./${tarball.slice(p.root.length + 1)}`, "./src/scripted"]) {
      const install = p.run(["plugins", "install", spec]);
      expect(install.code, install.stderr).toBe(0);
      expect(install.stdout).toBe(
        'installed integrations-plugin-scripted@1.0.0: integrations scripted (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n',
      );
      expect(existsSync(markers), `a lifecycle script ran for ${spec}`).toBe(false);
      const used = p.run(["scripted", "-token", "env:A", "-file", "c.yaml"]);
      expect(used.code, used.stderr).toBe(0);
      assertValidConfig(readFileSync(join(p.root, "c.yaml"), "utf8"));
      expect(p.run(["plugins", "uninstall", "scripted"]).code).toBe(0);
      spawnSync("rm", ["-f", join(p.root, "c.yaml")]);
    }
    expect(existsSync(markers)).toBe(false);
  }, 180_000);
});

describe("plugins install, update and uninstall give npm validated package specs only, never an option", () => {
  /** A git repository holding a plugin, and a program that leaves `marker` when run (it would serve as npm's `--git`). */
  function gitSetup(root: string) {
    const marker = join(root, "git-program-ran");
    const program = join(root, "prog.git");
    writeFiles(root, { "prog.git": `#!/bin/sh\ntouch ${JSON.stringify(marker)}\nexec git "$@"\n` });
    chmodSync(program, 0o755);
    const repo = join(root, "repo");
    writePackage(
      repo,
      fixturePackage("integrations-plugin-fromgit", "1.0.0", { apiVersion: 1, integrations: ["fromgit"] }, pluginSource({ name: "fromgit", destination: "https://fromgit.example.com" })),
    );
    const git = (...args: string[]) => expect(spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo, encoding: "utf8" }).status).toBe(0);
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "plugin");
    return { marker, program, spec: `git+file://${repo}` };
  }

  it("--git=<program> after --: exit 2 with one line, the program never runs, nothing installed (plain npm given the same option does run it)", () => {
    const p = project();
    const { marker, program, spec } = gitSetup(p.root);

    const control = spawnSync("npm", ["install", "--prefix", join(p.root, "control"), "--ignore-scripts", "--no-audit", "--no-fund", `--git=${program}`, spec], {
      env: npmEnv(),
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(control.status, control.stderr).toBe(0);
    expect(existsSync(marker), "control: npm runs its --git program").toBe(true);
    rmSync(marker);

    for (const args of [
      ["--", `--git=${program}`, spec],
      [spec, "--", `--git=${program}`],
      ["--", "--git", program, spec],
    ]) {
      const line = expectOneLineError(p.run(["plugins", "install", ...args]), 2, args.join(" "));
      expect(line).toMatch(/^error: "--git(=.*)?" is an option, not a package spec: .*never npm options/);
      expect(existsSync(marker), `${args.join(" ")}: the --git program ran`).toBe(false);
      expect(existsSync(p.dataDir), "the user plugin directory was created").toBe(false);
    }

    // The same git source as a spec installs (so specs after -- still reach npm), and runs no program of ours.
    const install = p.run(["plugins", "install", spec]);
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toBe(
      'installed integrations-plugin-fromgit@1.0.0: integrations fromgit (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n',
    );
    expect(existsSync(marker)).toBe(false);
    const used = p.run(["fromgit", "-token", "env:A", "-file", "c.yaml"]);
    expect(used.code, used.stderr).toBe(0);
    assertValidConfig(readFileSync(join(p.root, "c.yaml"), "utf8"));
  }, 180_000);

  const REFUSED: { args: string[]; message: RegExp }[] = [
    { args: ["--", "-g"], message: /"-g" is an option, not a package spec/ },
    { args: ["--", "--global", "demo"], message: /"--global" is an option/ },
    { args: ["--", "--registry=http://127.0.0.1:9/", "demo"], message: /"--registry=http:\/\/127\.0\.0\.1:9\/" is an option/ },
    { args: ["--", "--prefix=/tmp", "demo"], message: /"--prefix=\/tmp" is an option/ },
    { args: ["demo", "--", "--ignore-scripts=false"], message: /"--ignore-scripts=false" is an option/ },
    { args: ["--", "--userconfig", "/tmp/npmrc", "demo"], message: /"--userconfig" is an option/ },
    { args: ["--registry", "--git=/bin/sh", "demo"], message: /--registry "--git=\/bin\/sh" is not a registry URL/ },
    { args: ["--registry=file:///tmp/registry", "demo"], message: /--registry "file:\/\/\/tmp\/registry" is not a registry URL/ },
    { args: ["demo@npm:other"], message: /"demo@npm:other" is not a registry package spec/ },
    { args: ["evil.git"], message: /"evil\.git" looks like a git URL but npm would read it as a range spec/ },
    { args: ["git+ext::sh -c touch% marker"], message: /is not a package spec npm understands: Unsupported URL Type "git\+ext:"/ },
  ];

  it(`${REFUSED.length} options and specs of another kind: exit 2 with one line each, before npm runs or anything is created`, async () => {
    const p = project();
    const results = await p.runEach(REFUSED.map(({ args }) => ["plugins", "install", ...args]));
    REFUSED.forEach(({ args, message }, k) => {
      const line = expectOneLineError(results[k]!, 2, args.join(" "));
      expect(line, args.join(" ")).toMatch(message);
    });
    expect(existsSync(p.dataDir), "the user plugin directory was created").toBe(false);
    expect(readdirSync(p.root).sort()).toEqual(["config.yaml", "package.json"]);
  });

  it("update and uninstall: a dependency name in the user directory's package.json that is an option is refused, never passed to npm", () => {
    const p = project();
    const marker = join(p.root, "git-program-ran");
    writeFiles(p.root, { prog: `#!/bin/sh\ntouch ${JSON.stringify(marker)}\n` });
    chmodSync(join(p.root, "prog"), 0o755);
    // Hand-edited names: npm would read `--git=…` as its git program and `--global` as a global uninstall.
    const planted = { [`--git=${join(p.root, "prog")}`]: "github:a/b", "--global": "1.0.0" };
    writeFiles(p.dataDir, { "package.json": JSON.stringify({ name: "integrations-user-plugins", private: true, dependencies: planted }) });
    const before = tree(p.dataDir);
    for (const [args, name] of [
      [["plugins", "update"], "--git="],
      [["plugins", "update", "--", "--global"], "--global"],
      [["plugins", "uninstall", "--", "--global"], "--global"],
    ] as const) {
      const line = expectOneLineError(p.run([...args]), 2, args.join(" "));
      expect(line).toContain(`error: "${name}`);
      expect(line).toContain(`in ${join(p.dataDir, "package.json")} is not a package name npm accepts (name cannot start with a hyphen`);
    }
    expect(existsSync(marker), "npm ran the planted --git program").toBe(false);
    expect(tree(p.dataDir)).toEqual(before);
    // The name given on the command line as an option after --: not a name npm accepts, exit 2.
    expect(expectOneLineError(p.run(["plugins", "uninstall", "--", "-g"]), 2, "uninstall -g")).toMatch(/"-g" is not a plugin name: name cannot start with a hyphen/);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. A plugin that fails at build, or whose import never settles
// ---------------------------------------------------------------------------------------------

describe("a plugin that fails: one line naming the package, exit 1, config.yaml untouched", () => {
  const okPlugin = (name: string) => pluginSource({ name, destination: `https://${name}.example.com` });
  /** The fixture module with its `build` line replaced by `build`. */
  const withBuild = (build: string) => okPlugin("boom").replace(/ {2}build: \(f\) => \(\{.*\}\),/, `  build: ${build},`);
  const cases: { what: string; source: string; expect: RegExp }[] = [
    { what: "build throws an Error (with a second line)", source: withBuild(`() => { throw new Error("boom in build\\nsecond line"); }`), expect: /boom in build second line/ },
    { what: "build throws a non-Error (null)", source: withBuild("() => { throw null; }"), expect: /integration boom/ },
    { what: "build returns a block with an invalid destination", source: okPlugin("boom").replace("https://boom.example.com", "not a url"), expect: /destination/ },
    {
      what: "build returns a block with an unknown auth type",
      source: withBuild(`(f) => ({ name: f.name, destination: "https://boom.example.com", outgoing_auth: [{ type: "nope", params: {} }] })`),
      expect: /outgoing_auth/,
    },
    { what: "build returns a string", source: withBuild(`() => "a block"`), expect: /not a block/ },
    { what: "build returns undefined", source: withBuild("() => undefined"), expect: /not a block/ },
  ];

  it("the fixture's build line is what withBuild replaces", () => {
    expect(withBuild("() => 1")).not.toBe(okPlugin("boom"));
  });

  it.each(cases)("$what", ({ source, expect: reason }) => {
    const p = project();
    writeProjectPlugin(p.root, "boom", source);
    for (const extra of [[], ["--dry-run"], ["--json"]]) {
      const result = p.run(["boom", "-token", "env:A", ...extra]);
      if (extra.includes("--json")) {
        expect(result.code).toBe(1);
        expect(JSON.parse(result.stdout)).toMatchObject({ status: "error", exitCode: 1, error: expect.stringContaining("integrations-plugin-boom") });
        continue;
      }
      const line = expectOneLineError(result, 1, extra.join(" "));
      expect(line).toContain("integrations-plugin-boom");
      expect(line).toMatch(reason);
      expect(line).not.toMatch(/unexpected failure/);
    }
    p.expectConfigUntouched("after a failing build");
  });

  it("an import whose top-level await never settles: a timeout error naming it (INTEGRATIONS_PLUGIN_TIMEOUT_MS), not exit 13", () => {
    const p = project();
    const dir = writeProjectPlugin(p.root, "stuck", `await new Promise(() => { setInterval(() => {}, 60_000); });\n${okPlugin("stuck")}`);
    const env = { INTEGRATIONS_PLUGIN_TIMEOUT_MS: "300" };
    const result = p.run(["stuck", "-token", "env:A"], env);
    const line = expectOneLineError(result, 1, "stuck");
    expect(line).toContain(`plugin integrations-plugin-stuck (${dir}) cannot be loaded: importing it did not finish within 300 ms`);
    expect(result.stderr).not.toMatch(/unsettled top-level await/i);
    p.expectConfigUntouched("after a stuck import");

    const json = p.run(["stuck", "-token", "env:A", "--json"], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: "error", error: expect.stringContaining("did not finish within 300 ms") });

    // list --check imports every plugin: the stuck one is an error row, the others are fine.
    const list = p.run(["list", "--check", "--json"], env);
    expect(list.code, list.stderr).toBe(0);
    const rows = parseListRows(list.stdout);
    expect(rows.find((r) => r.integration === "stuck")).toMatchObject({ status: "error", cause: expect.stringContaining("did not finish within 300 ms") });
    expect(rows.find((r) => r.integration === "slack")).toMatchObject({ status: "ok" });

    // Other integrations still run while the stuck one sits in the project.
    const slack = p.run(["slack", "-token", "env:T", "-signing-secret", "env:S", "-file", "other.yaml"], env);
    expect(slack.code, slack.stderr).toBe(0);
    assertValidConfig(readFileSync(join(p.root, "other.yaml"), "utf8"));
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Plugin names with path tricks
// ---------------------------------------------------------------------------------------------

describe("a plugin name with path tricks is a usage error, and nothing is touched or imported", () => {
  // NUL cannot be passed in argv at all (execve ends strings at NUL): naming.test.ts covers it, and more names.
  const NAMES = ["../x", "/abs", "a/b/c", "..", "%2e%2e", "a\\b", "@acme/../x", "./x"];

  it(`${NAMES.length} names × plugins uninstall|inspect|update and an integration command: exit 2 each`, async () => {
    const p = project();
    const marker = join(p.root, "bait-imported");
    // Bait: plugin packages where the tricks point (outside every plugin dir), which leave a marker when imported.
    for (const dir of [join(p.root, "x"), join(p.root, "cwd", "x"), join(p.root, "cwd", "a", "b", "c")]) {
      writePackage(dir, fixturePackage("integrations-plugin-x", "6.6.6", { apiVersion: 1, integrations: ["x"] }, pluginSource({ name: "x", destination: "https://x.example.com", marker })));
    }
    // In process, were it ever imported: the bait writes a marker file, which a sandboxed plugin may not.
    trustPlugins(p.root, ["integrations-plugin-x"]);
    // A real user-dir plugin (linked), so the directory exists and has state to protect.
    const linked = join(p.root, "linked");
    writePackage(
      linked,
      fixturePackage("integrations-plugin-linked", "1.0.0", { apiVersion: 1, integrations: ["linked"] }, pluginSource({ name: "linked", destination: "https://linked.example.com" })),
    );
    expect(p.run(["plugins", "link", linked]).code).toBe(0);
    const cwd = join(p.root, "cwd");
    writeFiles(cwd, { "config.yaml": `integrations:\n${slackBlock()}` });
    const before = { data: tree(p.dataDir), root: readdirSync(p.root).sort(), cwd: tree(cwd) };

    const argsList = NAMES.flatMap((name) => [
      ["plugins", "uninstall", name],
      ["plugins", "inspect", name],
      ["plugins", "update", name],
      [name, "-token", "env:A"],
      ["update", name, "-token", "env:A"],
    ]);
    const results = await p.runEach(argsList, cwd);
    argsList.forEach((args, k) => {
      const line = expectOneLineError(results[k]!, 2, args.join(" "));
      expect(line, args.join(" ")).toContain("is not a plugin name");
    });
    expect(results).toHaveLength(NAMES.length * 5);
    expect(existsSync(marker), "a bait module was imported").toBe(false);
    expect({ data: tree(p.dataDir), root: readdirSync(p.root).sort(), cwd: tree(cwd) }).toEqual(before);
    // The names still work when they are names.
    expect(p.run(["plugins", "inspect", "linked"]).code).toBe(0);
    expect(p.run(["plugins", "inspect", "integrations-plugin-linked"]).code).toBe(0);
  }, 180_000);

  it("plugins update <trick> creates no user plugin directory where there was none", () => {
    const p = project();
    for (const name of ["../x", "a/b/c", "%2e%2e"]) expectOneLineError(p.run(["plugins", "update", name]), 2, name);
    expect(existsSync(p.dataDir)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. --no-plugins
// ---------------------------------------------------------------------------------------------

describe("--no-plugins: the built-ins only", () => {
  function withPlugins() {
    const p = project();
    const markers = join(p.root, "markers");
    writeFiles(markers, { ".keep": "" });
    writeProjectPlugin(p.root, "proj", pluginSource({ name: "proj", destination: "https://proj.example.com", marker: join(markers, "proj") }));
    const user = join(p.root, "userplug");
    writePackage(
      user,
      fixturePackage(
        "integrations-plugin-userplug",
        "1.0.0",
        { apiVersion: 1, integrations: ["userplug"] },
        pluginSource({ name: "userplug", destination: "https://userplug.example.com", marker: join(markers, "userplug") }),
      ),
    );
    writeFiles(p.dataDir, { "links.json": JSON.stringify({ links: { "integrations-plugin-userplug": user } }) });
    // In process: both plugins write a marker file when imported, which a sandboxed plugin may not.
    trustPlugins(p.root, ["integrations-plugin-proj", "integrations-plugin-userplug"]);
    const clean = () =>
      readdirSync(markers)
        .filter((f) => f !== ".keep")
        .forEach((f) => spawnSync("rm", [join(markers, f)]));
    return {
      ...p,
      markers,
      imported: () =>
        readdirSync(markers)
          .filter((f) => f !== ".keep")
          .sort(),
      clean,
    };
  }

  it("control: without it, list --check shows and imports the project and user plugins", () => {
    const p = withPlugins();
    const rows = parseListRows(p.run(["list", "--check", "--json"]).stdout);
    expect(rows.filter((r) => r.source !== "builtin").map((r) => [r.integration, r.source, r.status])).toEqual([
      ["proj", "project", "ok"],
      ["userplug", "user", "ok"],
    ]);
    expect(p.imported()).toEqual(["proj", "userplug"]);
  });

  it.each([
    { how: "--no-plugins before the command", args: (a: string[]) => ["--no-plugins", ...a], env: {} },
    { how: "--no-plugins after the command", args: (a: string[]) => [...a, "--no-plugins"], env: {} },
    { how: "Go-style -no-plugins", args: (a: string[]) => [a[0]!, "-no-plugins", ...a.slice(1)], env: {} },
    { how: "INTEGRATIONS_NO_PLUGINS=1", args: (a: string[]) => a, env: { INTEGRATIONS_NO_PLUGINS: "1" } },
  ] as { how: string; args: (a: string[]) => string[]; env: Record<string, string> }[])("$how: list, --help and the integrations see built-ins only; nothing else is imported", ({ args, env }) => {
    const p = withPlugins();
    const list = p.run(args(["list", "--check", "--json"]), env);
    expect(list.code, list.stderr).toBe(0);
    const rows = parseListRows(list.stdout);
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every((r) => r.source === "builtin" && r.status === "ok"),
      JSON.stringify(rows),
    ).toBe(true);
    const table = p.run(args(["list"]), env);
    expect(table.stdout).not.toMatch(/proj|userplug/);
    const help = p.run(args(["--help"]), env);
    expect(help.code).toBe(0);
    expect(help.stdout).not.toMatch(/^ {2}(proj|userplug)\s/m);
    expect(help.stdout).toMatch(/^ {2}slack\s/m);

    for (const name of ["proj", "userplug", "integrations-plugin-proj"]) {
      const run = p.run(args([name, "-token", "env:A"]), env);
      expect(expectOneLineError(run, 2, name)).toContain(
        `"${name}" is not a built-in integration or a command, and plugins are off (--no-plugins or INTEGRATIONS_NO_PLUGINS=1), so no plugin was looked for; run without --no-plugins`,
      );
    }
    const inspect = p.run(args(["plugins", "inspect", "proj"]), env);
    expect(expectOneLineError(inspect, 1, "inspect proj")).toContain("no installed plugin named proj; --no-plugins (or INTEGRATIONS_NO_PLUGINS) shows the built-ins only");

    const slack = p.run(args(["slack", "-token", "env:T", "-signing-secret", "env:S", "-file", "c.yaml"]), env);
    expect(slack.code, slack.stderr).toBe(0);
    assertValidConfig(readFileSync(join(p.root, "c.yaml"), "utf8"));
    expect(p.imported(), "a plugin module was imported").toEqual([]);
    p.expectConfigUntouched("list and failed runs leave config.yaml alone");
  });

  it("--no-plugins with --plugin is a usage error; nothing imported", () => {
    const p = withPlugins();
    const result = p.run(["--no-plugins", "--plugin", "./node_modules/integrations-plugin-proj", "proj", "-token", "env:A"]);
    expect(expectOneLineError(result, 2, "both")).toContain("contradicts --no-plugins");
    expect(p.imported()).toEqual([]);
  });
});

describe("plugin module formats (importModule loads an ES module through require() when Node can)", () => {
  /** A plugin module that appends one character to `marker` each time it is evaluated. */
  const counting = (marker: string) => `import { appendFileSync } from "node:fs";\nappendFileSync(${JSON.stringify(marker)}, "x");`;

  it.each([
    { format: "an ES module", type: "module", source: (name: string, marker: string) => pluginSource({ name, destination: `https://${name}.example.com`, prelude: counting(marker) }) },
    {
      format: "an ES module with a top-level await (import() waits for it)",
      type: "module",
      source: (name: string, marker: string) =>
        pluginSource({ name, destination: `https://${name}.example.com`, prelude: `${counting(marker)}\nawait new Promise((resolve) => setTimeout(resolve, 5));` }),
    },
    {
      format: "a CommonJS module",
      type: "commonjs",
      source: (name: string, marker: string) =>
        [
          `require("node:fs").appendFileSync(${JSON.stringify(marker)}, "x");`,
          `module.exports = { apiVersion: 1, name: ${JSON.stringify(name)}, description: "cjs", flags: { token: { type: "secret", required: true, description: "token ref" } },`,
          `  build: (f) => ({ name: f.name, destination: "https://${name}.example.com", outgoing_auth: [{ type: "token", params: { header: "Authorization", secrets: [f.token] } }] }) };`,
        ].join("\n"),
    },
  ])("$format: runs, its top level evaluated once", ({ type, source }) => {
    const p = project();
    const name = `fmt${type === "commonjs" ? "cjs" : "esm"}`;
    const marker = join(p.root, "evaluated");
    writePackage(
      join(p.root, "node_modules", `integrations-plugin-${name}`),
      fixturePackage(`integrations-plugin-${name}`, "1.0.0", { apiVersion: 1, integrations: [name] }, source(name, marker), { type }),
    );
    // In process (importModule is the in-process loader): the plugin counts its evaluations in a file, which a sandboxed plugin may not write.
    trustPlugins(p.root, [`integrations-plugin-${name}`]);
    const result = p.run([name, "-file", "new.yaml", "-token", "env:A", "--incoming-token", "env:B"]);
    expect(result.code, result.stderr).toBe(0);
    const written = readFileSync(join(p.root, "new.yaml"), "utf8");
    assertValidConfig(written);
    expect(written).toContain(`destination: https://${name}.example.com`);
    expect(readFileSync(marker, "utf8")).toBe("x");
  });
});
