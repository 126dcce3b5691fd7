// Start-up: the bin launcher and its V8 start-up snapshot, which processes a run starts,
// which plugin modules it opens, and that nothing cached or snapshotted is ever stale. Timings are
// the benchmark's business (`pnpm bench`): nothing here asserts one.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, statSync, symlinkSync, utimesSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CLI_LAUNCHER,
  assertValidConfig,
  cliEnv,
  fixturePackage,
  makeTempDir,
  trustPlugins,
  parseListRows,
  pluginSource,
  rowOf,
  runCli,
  workspacePath,
  writePackage,
  writeProjectPlugin,
} from "@integrations/test-utils";
import type { SnapshotInputs } from "../src/startup/snapshot-inputs.js";
import { COMMANDS_RUNS } from "../src/commands/snapshot-warm-up.js";

type Startup = "snapshot" | "esm";

/** How the bin at `launcher` started (`doctor --json`'s `cli.startup`), with `env` on top of the test environment. */
function startupOf(launcher: string, cwd: string, env: Record<string, string | undefined> = {}): Startup {
  const run = spawnSync(launcher, ["doctor", "--json"], { cwd, env: cliEnv({ env }), encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { cli: { startup: Startup } }).cli.startup;
}

/** The test process's own setting: `INTEGRATIONS_NO_SNAPSHOT=1 pnpm test` runs the whole suite on the plain entry. */
const SNAPSHOT_EXPECTED: Startup = process.env.INTEGRATIONS_NO_SNAPSHOT ? "esm" : "snapshot";

describe("the bin launcher", () => {
  it(`starts the suite's runs from the ${SNAPSHOT_EXPECTED === "snapshot" ? "start-up snapshot" : "plain entry (INTEGRATIONS_NO_SNAPSHOT)"}`, () => {
    expect(startupOf(CLI_LAUNCHER, makeTempDir())).toBe(SNAPSHOT_EXPECTED);
  });

  it("prints the same --help, list and blocks with the snapshot, without it (code cache on and off), and with NODE_OPTIONS", () => {
    const cwd = makeTempDir();
    writeFileSync(join(cwd, "package.json"), "{}\n");
    writeProjectPlugin(cwd, "acme", pluginSource({ name: "acme", destination: "https://api.acme.example" }));
    const envs = [{}, { INTEGRATIONS_NO_SNAPSHOT: "1" }, { INTEGRATIONS_NO_SNAPSHOT: "1", INTEGRATIONS_NO_CODE_CACHE: "1" }, { NODE_OPTIONS: "--max-old-space-size=512" }];
    const outputs = envs.map((start) => {
      // A cache of its own for each: what `list` shows depends on which plugins earlier runs imported.
      const env = { ...start, XDG_CACHE_HOME: join(makeTempDir(), "cache") };
      const help = runCli(["--help"], { cwd, env });
      const list = runCli(["list", "--json"], { cwd, env });
      rmSync(join(cwd, "config.yaml"), { force: true });
      const add = runCli(["slack", "-file", "config.yaml", "-token", "env:SLACK_TOKEN", "-signing-secret", "env:SLACK_SIGNING_SECRET"], { cwd, env });
      // A plugin from the project: imported at run time, through the plain entry's own import().
      const plugin = runCli(["acme", "-file", "config.yaml", "-token", "env:ACME_TOKEN"], { cwd, env });
      const listAfter = runCli(["list", "--json"], { cwd, env });
      const invalid = runCli(["validate", "-file", "missing.yaml"], { cwd, env });
      expect([help.code, list.code, add.code, plugin.code, invalid.code], help.stderr + list.stderr + add.stderr + plugin.stderr).toEqual([0, 0, 0, 0, 1]);
      const config = readFileSync(join(cwd, "config.yaml"), "utf8");
      assertValidConfig(config);
      expect(runCli(["validate", "-file", "config.yaml"], { cwd, env }).code).toBe(0);
      return { help: help.stdout, list: list.stdout, listAfter: listAfter.stdout, add: add.stdout + add.stderr, plugin: plugin.stdout + plugin.stderr, invalid: invalid.stderr, config };
    });
    for (const output of outputs.slice(1)) expect(output).toEqual(outputs[0]);
    // The remembered outcome, read alike by every start (`list --json` runs from commands.blob).
    expect([outputs[0]!.list, outputs[0]!.listAfter].map((list) => rowOf(parseListRows(list), "integrations-plugin-acme").status)).toEqual(["unchecked", "ok"]);
    expect(startupOf(CLI_LAUNCHER, cwd, { NODE_OPTIONS: "--max-old-space-size=512" })).toBe("esm");
    expect(startupOf(CLI_LAUNCHER, cwd, { INTEGRATIONS_NO_SNAPSHOT: "1" })).toBe("esm");
  });

  // Yarn 2+ runs every bin as `node <bin>`, and so do Windows shims: the bin is also an ES module.
  it("also runs as `node <bin>`, directly and through a symlink, with the same output as the shell start", () => {
    const cwd = makeTempDir();
    const link = join(makeTempDir(), "integrations");
    symlinkSync(CLI_LAUNCHER, link);
    const byShell = runCli(["slack", "-file", "a.yaml", "-token", "env:T", "-signing-secret", "env:S"], { cwd });
    for (const [bin, file] of [
      [CLI_LAUNCHER, "b.yaml"],
      [link, "c.yaml"],
    ] as const) {
      const byNode = spawnSync(process.execPath, [bin, "slack", "-file", file, "-token", "env:T", "-signing-secret", "env:S"], { cwd, env: cliEnv(), encoding: "utf8" });
      expect({ code: byNode.status, stdout: byNode.stdout, stderr: byNode.stderr }).toEqual({ code: 0, stdout: byShell.stdout.replace("a.yaml", file), stderr: byShell.stderr }); // the success line names the file
      expect(readFileSync(join(cwd, file), "utf8")).toBe(readFileSync(join(cwd, "a.yaml"), "utf8"));
      const doctor = spawnSync(process.execPath, [bin, "doctor", "--json"], { cwd, env: cliEnv(), encoding: "utf8" });
      expect((JSON.parse(doctor.stdout) as { cli: { startup: Startup } }).cli.startup).toBe("esm");
    }
    assertValidConfig(readFileSync(join(cwd, "a.yaml"), "utf8"));
  });

  it.skipIf(SNAPSHOT_EXPECTED === "esm")("watches every file of ours, each dependency's package.json and pnpm's install records", () => {
    const { builtAt, files, installedFiles } = JSON.parse(readFileSync(workspacePath("packages", "cli", "dist", "snapshot", "inputs.json"), "utf8")) as SnapshotInputs;
    expect(builtAt).toBeLessThanOrEqual(statSync(workspacePath("packages", "cli", "dist", "snapshot", "integrations.blob")).mtimeMs);
    expect(
      [...files, ...installedFiles].filter((file) => !existsSync(file)),
      "every watched file exists",
    ).toEqual([]);
    // The checkout's sources of the bundle, modification times checked:
    for (const ours of [
      ["cli", "dist", "commands", "main.js"],
      ["core", "dist", "index.js"],
      ["plugin-slack", "dist", "index.js"],
    ]) {
      expect(files).toContain(workspacePath("packages", ...ours));
    }
    const inStore = files.filter((file) => file.includes("/node_modules/.pnpm/"));
    expect(inStore.filter((file) => !/\/node_modules\/(@[^/]+\/)?[^/]+\/package\.json$|\/\.pnpm\/lock\.yaml$/.test(file))).toEqual([]);
    for (const dependency of ["zod", "yaml", "commander", "cosmiconfig"])
      expect(
        inStore.some((file) => file.endsWith(`/node_modules/${dependency}/package.json`)),
        dependency,
      ).toBe(true);
    expect(files).toContain(workspacePath("node_modules", ".modules.yaml"));
    expect(files).toContain(workspacePath("node_modules", ".pnpm", "lock.yaml"));
    // What an installed CLI watches too, inode changes included: the bundle and the manifests the warm-up read.
    for (const ours of [
      ["cli", "dist", "bundle", "snapshot.cjs"],
      ["cli", "package.json"],
      ["plugin-slack", "package.json"],
      ["plugin-sdk", "package.json"],
    ]) {
      expect(installedFiles).toContain(workspacePath("packages", ...ours));
    }
  });

  it.skipIf(SNAPSHOT_EXPECTED === "esm")("never uses a stale snapshot: a changed or reinstalled input file, another node first on PATH, or one moved away", () => {
    // A copy of the CLI package with a snapshot of its own, so that touching its files disturbs no other test.
    const root = makeTempDir();
    const cli = join(root, "cli");
    const source = workspacePath("packages", "cli");
    mkdirSync(cli);
    for (const part of ["bin", "dist", "package.json"]) cpSync(join(source, part), join(cli, part), { recursive: true });
    rmSync(join(cli, "dist", "snapshot"), { recursive: true, force: true });
    symlinkSync(join(source, "node_modules"), join(cli, "node_modules"));
    const launcher = join(cli, "bin", "integrations");
    const cwd = makeTempDir();
    const build = (env: Record<string, string | undefined> = {}) => {
      const run = spawnSync(launcher, ["snapshot", "build", "--json"], { cwd, env: cliEnv({ env }), encoding: "utf8" });
      expect(JSON.parse(run.stdout), run.stderr).toMatchObject({ ok: true, dir: join(cli, "dist", "snapshot") });
    };
    build();
    expect(startupOf(launcher, cwd)).toBe("snapshot");
    const inputsOf = () => JSON.parse(readFileSync(join(cli, "dist", "snapshot", "inputs.json"), "utf8")) as SnapshotInputs;

    // Any input modified since the build (here: the bundle, as a rebuild would leave it; then the
    // CLI's package.json, which the warm-up read).
    for (const input of [join(cli, "dist", "bundle", "snapshot.cjs"), join(cli, "package.json")]) {
      const { builtAt, installedFiles } = inputsOf();
      expect(installedFiles).toContain(input);
      const before = statSync(input).mtime;
      utimesSync(input, new Date(builtAt + 1_000), new Date(builtAt + 1_000));
      expect(startupOf(launcher, cwd), input).toBe("esm");
      utimesSync(input, before, before);
      // Setting the time back changed the inode (ctime): as npm leaves a reinstalled package, whose
      // files keep the time packed in its tarball, the file counts as changed until the next build.
      expect(startupOf(launcher, cwd), input).toBe("esm");
      build();
      expect(startupOf(launcher, cwd), input).toBe("snapshot");
    }

    // The same binary reached by another name (a symlink first on PATH) is the same file: used.
    // Another node binary first on PATH (a copy: same version, another file) is not.
    const linkBin = join(root, "linked-node-bin");
    mkdirSync(linkBin);
    symlinkSync(process.execPath, join(linkBin, "node"));
    expect(startupOf(launcher, cwd, { PATH: `${linkBin}:${process.env.PATH}` })).toBe("snapshot");
    const otherBin = join(root, "other-node-bin");
    mkdirSync(otherBin);
    cpSync(process.execPath, join(otherBin, "node"));
    expect(startupOf(launcher, cwd, { PATH: `${otherBin}:${process.env.PATH}` })).toBe("esm");

    // The node binary the snapshot was built for replaced (the link kept in dist/snapshot/node no longer the same file).
    rmSync(join(cli, "dist", "snapshot", "node"));
    writeFileSync(join(cli, "dist", "snapshot", "node"), "");
    expect(startupOf(launcher, cwd)).toBe("esm");
    expect(JSON.parse(spawnSync(launcher, ["snapshot", "status", "--json"], { cwd, env: cliEnv(), encoding: "utf8" }).stdout)).toMatchObject({ state: "other-node" });

    // Its `node` a symbolic link, as the build makes it where a hard link is refused (another file
    // system; a binary the user does not own): used while the binary keeps its modification time,
    // not once it is rewritten in place (an upgrade: the same file, a new time).
    const otherPath = { PATH: `${otherBin}:${process.env.PATH}` };
    build(otherPath);
    rmSync(join(cli, "dist", "snapshot", "node"));
    symlinkSync(join(otherBin, "node"), join(cli, "dist", "snapshot", "node"));
    expect(startupOf(launcher, cwd, otherPath)).toBe("snapshot");
    utimesSync(join(otherBin, "node"), new Date(), new Date(Date.now() + 60_000));
    expect(startupOf(launcher, cwd, otherPath)).toBe("esm");
    const status = spawnSync(launcher, ["snapshot", "status", "--json"], { cwd, env: cliEnv({ env: otherPath }), encoding: "utf8" });
    expect(JSON.parse(status.stdout)).toMatchObject({ state: "other-node" });
  });
});

// ---------------------------------------------------------------------------------------------------
// Processes and module loads, seen from the kernel (strace)

/** The system calls `strace -f` records for one run of the bin (`trace`: strace's `-e trace=` set). */
function traced(args: readonly string[], cwd: string, trace: string, env: Record<string, string> = {}): string[] {
  const log = join(makeTempDir(), "strace.log");
  const run = spawnSync("strace", ["-f", "-qq", "-v", "-s", "4096", "-e", `trace=${trace}`, "-o", log, CLI_LAUNCHER, ...args], { cwd, env: cliEnv({ env }), encoding: "utf8" });
  expect(run.error, "strace must be installed (.ci/run installs it)").toBeUndefined();
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(log, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
}

describe("no child process at start-up", () => {
  it.each([
    { what: "--help", args: ["--help"] },
    { what: "list", args: ["list"] },
    { what: "an add of slack", args: ["slack", "-file", "config.yaml", "-token", "env:SLACK_TOKEN", "-signing-secret", "env:SLACK_SIGNING_SECRET"] },
  ])("$what runs two programs in one process: the launcher (sh), then node through exec", ({ args }) => {
    const cwd = makeTempDir();
    const execs = traced(args, cwd, "execve").filter((line) => /\bexecve\(/.test(line) && !/ENOENT/.test(line));
    expect(execs.map((line) => /execve\("([^"]+)"/.exec(line)?.[1])).toEqual([CLI_LAUNCHER, expect.stringMatching(/\/node$/)]);
    expect(new Set(execs.map((line) => line.split(/\s+/)[0])).size, "every exec happens in the first process").toBe(1);
  });
});

describe("the commands snapshot", () => {
  /** The blob that the launcher's exec of node names, for one run with `args`. */
  function blobStarted(args: readonly string[]): string | undefined {
    const exec = traced(args, makeTempDir(), "execve").find((line) => /execve\("[^"]*\/node"/.test(line) && !/ENOENT/.test(line));
    return /--snapshot-blob", "[^"]*\/([^/"]+\.blob)"/.exec(exec ?? "")?.[1];
  }

  // Every command line the commands snapshot is for: the launcher's rule (sh) and COMMANDS_RUNS agree.
  it.skipIf(SNAPSHOT_EXPECTED === "esm").each(COMMANDS_RUNS.map((run) => [...run]))("starts %s from commands.blob", (...args) => {
    expect(blobStarted(args)).toBe("commands.blob");
  });

  it.skipIf(SNAPSHOT_EXPECTED === "esm").each([["list", "--check"], ["list", "--json", "--check"], ["--help", "--quiet"], ["schema"], ["doctor", "--json"]])(
    "starts %s from integrations.blob",
    (...args) => {
      expect(blobStarted(args)).toBe("integrations.blob");
    },
  );

  it.skipIf(SNAPSHOT_EXPECTED === "esm")("hands any other command line to the plain entry when started by hand, with the same output", () => {
    const cwd = makeTempDir();
    const blob = join(workspacePath("packages", "cli", "dist", "snapshot"), "commands.blob");
    const byHand = spawnSync(join(workspacePath("packages", "cli", "dist", "snapshot"), "node"), ["--snapshot-blob", blob, "--", "doctor", "--json"], { cwd, env: cliEnv(), encoding: "utf8" });
    expect(byHand.status, byHand.stderr).toBe(0);
    expect((JSON.parse(byHand.stdout) as { cli: { startup: Startup } }).cli.startup).toBe("esm");
    const configured = ["list", "--configured", "-file", "missing.yaml"];
    const fromBlob = spawnSync(join(workspacePath("packages", "cli", "dist", "snapshot"), "node"), ["--snapshot-blob", blob, "--", ...configured], { cwd, env: cliEnv(), encoding: "utf8" });
    const launched = runCli(configured, { cwd });
    expect({ code: fromBlob.status, stdout: fromBlob.stdout, stderr: fromBlob.stderr }).toEqual({ code: launched.code, stdout: launched.stdout, stderr: launched.stderr });
  });
});

describe("what a run loads", () => {
  /** One run of the plain entry (no snapshot: every module is a file), its `openat` calls. */
  const plainRunOpens = (args: readonly string[], cwd: string) => traced(args, cwd, "openat", { INTEGRATIONS_NO_SNAPSHOT: "1" });

  /**
   * The files of the bundle opened in `opens`, each with the packages it holds (scripts/build-bundles.mjs
   * records them in contents.json).
   */
  function bundleFilesOpened(opens: string[]): { file: string; packages: string[] }[] {
    const contents = JSON.parse(readFileSync(workspacePath("packages", "cli", "dist", "bundle", "contents.json"), "utf8")) as Record<string, string[]>;
    return opens
      .map((line) => /openat\([^,]+, "([^"]+\/dist\/bundle\/([^/"]+))"/.exec(line)?.[2])
      .filter((file): file is string => file !== undefined && contents[file] !== undefined)
      .map((file) => ({ file, packages: contents[file]! }));
  }

  /** The files of `bundleFilesOpened` that hold zod or yaml. */
  function heavyFilesOpened(args: readonly string[], cwd: string): string[] {
    return bundleFilesOpened(plainRunOpens(args, cwd))
      .filter(({ packages }) => packages.some((name) => name === "zod" || name === "yaml"))
      .map(({ file, packages }) => `${file} (${packages.join(", ")})`);
  }

  /** The plugin packages whose code the bundle's files in `opened` hold. */
  const pluginsIn = (opened: { packages: string[] }[]) => [...new Set(opened.flatMap(({ packages }) => packages.filter((name) => name.startsWith("integrations-plugin-"))))];

  it.each(["--help", "--version", "list", "list --json"])("%s loads neither zod nor yaml", (command) => {
    expect(heavyFilesOpened(command.split(" "), makeTempDir())).toEqual([]);
  });

  it.each(["--help", "list"])("%s loads no built-in plugin's chunk", (command) => {
    expect(pluginsIn(bundleFilesOpened(plainRunOpens(command.split(" "), makeTempDir())))).toEqual([]);
  });

  it("an add loads both (so the check above can see them)", () => {
    const opened = heavyFilesOpened(["slack", "-file", "config.yaml", "-token", "env:SLACK_TOKEN", "-signing-secret", "env:SLACK_SIGNING_SECRET"], makeTempDir());
    expect(opened.some((file) => /[(, ]zod[,)]/.test(file)) && opened.some((file) => /[(, ]yaml[,)]/.test(file)), opened.join("\n")).toBe(true);
  });

  it("an add of a built-in loads that built-in's chunk of the bundle, and no module of its package or the SDK's", () => {
    const cwd = makeTempDir();
    const opens = plainRunOpens(["slack", "-file", "config.yaml", "-token", "env:SLACK_TOKEN", "-signing-secret", "env:SLACK_SIGNING_SECRET"], cwd);
    expect(pluginsIn(bundleFilesOpened(opens))).toEqual(["integrations-plugin-slack"]);
    // Discovery reads the manifests (package.json); the code is the bundle's. Node opens a module by
    // its real path, a package manager's link in node_modules resolved.
    const packageDirs = ["plugin-slack", "plugin-sdk"].map((dir) => `${realpathSync(workspacePath("packages", dir))}/`);
    const opened = opens
      .map((line) => /openat\([^,]+, "([^"]+)"/.exec(line)?.[1])
      .filter((path): path is string => path !== undefined && packageDirs.some((dir) => path.startsWith(dir)) && !path.endsWith("/package.json"));
    expect(opened).toEqual([]);
    assertValidConfig(readFileSync(join(cwd, "config.yaml"), "utf8"));
  });
});

describe("the plain entry's code cache", () => {
  /** The code-cache files one run without the snapshot tries to open (found or not), by bundle file name. */
  function cacheFilesOpened(env: Record<string, string>): string[] {
    const args = ["slack", "-file", "config.yaml", "-token", "env:SLACK_TOKEN", "-signing-secret", "env:SLACK_SIGNING_SECRET"];
    return traced(args, makeTempDir(), "openat", { INTEGRATIONS_NO_SNAPSHOT: "1", ...env })
      .map((line) => /openat\([^,]+, "[^"]*\/code-cache\/(?:[^"]*\/)?([^/".]+\.cjs)\.[^"]*"/.exec(line)?.[1])
      .filter((file): file is string => file !== undefined);
  }

  it("is looked up for each bundle file a run compiles, and never with INTEGRATIONS_NO_CODE_CACHE=1", () => {
    expect(cacheFilesOpened({})).toContain("bin.cjs");
    expect(cacheFilesOpened({ INTEGRATIONS_NO_CODE_CACHE: "1" })).toEqual([]);
  });
});

describe("running one integration with 200 plugins installed", () => {
  // Sandboxed (the default) and trusted: strace follows the sandbox's process too. The markers, which
  // a sandboxed plugin may not write, count imports only in process.
  it.each([
    ["sandboxed", false],
    ["trusted, in process", true],
  ] as const)("imports exactly one plugin module: the one that runs (%s)", (_label, trusted) => {
    const project = makeTempDir();
    const data = join(project, ".integrations-data");
    const markers = join(project, "markers");
    mkdirSync(markers);
    const projectDeps: Record<string, string> = {};
    const userDeps: Record<string, string> = {};
    for (let i = 0; i < 200; i++) {
      const integration = `many${String(i).padStart(3, "0")}`;
      const name = `integrations-plugin-${integration}`;
      const inProject = i % 2 === 0;
      const source = pluginSource({ name: integration, destination: `https://${integration}.example.com`, ...(trusted ? { marker: join(markers, integration) } : {}) });
      writePackage(join(inProject ? project : data, "node_modules", name), fixturePackage(name, "1.0.0", { apiVersion: 1, integrations: [integration] }, source));
      (inProject ? projectDeps : userDeps)[name] = "1.0.0";
    }
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "many", private: true, dependencies: projectDeps }));
    writeFileSync(join(data, "package.json"), JSON.stringify({ dependencies: userDeps }));
    if (trusted) trustPlugins(project, [...Object.keys(projectDeps), ...Object.keys(userDeps)]);
    const env = { INTEGRATIONS_DATA_DIR: data };

    const list = runCli(["list", "--json"], { cwd: project, env });
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as unknown[]).length).toBe(221);
    expect(readdirSync(markers), "list imports no plugin").toEqual([]);

    const opened = traced(["many101", "-file", "config.yaml", "-token", "env:MANY_TOKEN"], project, "openat", env)
      .map((line) => /openat\([^,]+, "([^"]+)"/.exec(line)?.[1])
      .filter((path): path is string => path !== undefined && /(integrations-plugin-[^/]+|packages\/plugin-[^/]+\/dist)\/index\.js$/.test(path));
    expect([...new Set(opened)]).toEqual([join(data, "node_modules", "integrations-plugin-many101", "index.js")]);
    expect(readdirSync(markers)).toEqual(trusted ? ["many101"] : []);
    assertValidConfig(readFileSync(join(project, "config.yaml"), "utf8"));
  });
});

// ---------------------------------------------------------------------------------------------------
// Nothing cached: every run sees the plugins as they are

describe("plugin changes are seen on the very next run", () => {
  it("an install, an edit of the plugin's files, a link and an uninstall", () => {
    const cwd = makeTempDir();
    const data = join(cwd, "data");
    const env = { INTEGRATIONS_DATA_DIR: data };
    const integrations = () => {
      const run = runCli(["list", "--json"], { cwd, env });
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as { integration: string; description: string | null }[]).filter((r) => r.integration.startsWith("fresh"));
    };
    const destinationAfterAdd = (integration: string) => {
      rmSync(join(cwd, "config.yaml"), { force: true });
      const run = runCli([integration, "-file", "config.yaml", "-token", "env:FRESH_TOKEN"], { cwd, env });
      expect(run.code, run.stderr).toBe(0);
      return /destination: (\S+)/.exec(readFileSync(join(cwd, "config.yaml"), "utf8"))?.[1];
    };
    expect(integrations()).toEqual([]);

    // Install: the layout `plugins install` leaves in the user plugin directory.
    const installed = join(data, "node_modules", "integrations-plugin-fresh");
    writePackage(
      installed,
      fixturePackage("integrations-plugin-fresh", "1.0.0", { apiVersion: 1, integrations: ["fresh"] }, pluginSource({ name: "fresh", destination: "https://v1.example.com" }), {
        description: "version one",
      }),
    );
    writeFileSync(join(data, "package.json"), JSON.stringify({ dependencies: { "integrations-plugin-fresh": "^1.0.0" } }));
    expect(integrations()).toEqual([expect.objectContaining({ integration: "fresh", description: "version one" })]);
    expect(destinationAfterAdd("fresh")).toBe("https://v1.example.com");

    // Edit of its files: the module and the manifest.
    writePackage(
      installed,
      fixturePackage("integrations-plugin-fresh", "1.0.1", { apiVersion: 1, integrations: ["fresh"] }, pluginSource({ name: "fresh", destination: "https://v2.example.com" }), {
        description: "version two",
      }),
    );
    expect(integrations()).toEqual([expect.objectContaining({ integration: "fresh", description: "version two" })]);
    expect(destinationAfterAdd("fresh")).toBe("https://v2.example.com");

    // Link: a plugin directory elsewhere.
    const linkedDir = join(makeTempDir(), "fresh-linked");
    writePackage(
      linkedDir,
      fixturePackage("integrations-plugin-freshlinked", "0.1.0", { apiVersion: 1, integrations: ["freshlinked"] }, pluginSource({ name: "freshlinked", destination: "https://linked.example.com" })),
    );
    const link = runCli(["plugins", "link", linkedDir], { cwd, env });
    expect(link.code, link.stderr).toBe(0);
    expect(integrations().map((r) => r.integration)).toEqual(["fresh", "freshlinked"]);
    expect(destinationAfterAdd("freshlinked")).toBe("https://linked.example.com");

    // Uninstall.
    const uninstall = runCli(["plugins", "uninstall", "freshlinked"], { cwd, env });
    expect(uninstall.code, uninstall.stderr).toBe(0);
    rmSync(installed, { recursive: true });
    writeFileSync(join(data, "package.json"), JSON.stringify({ dependencies: {} }));
    expect(integrations()).toEqual([]);
  });
});

describe("the end of a run", () => {
  it("writes a long output completely into a pipe whose reader is slow, with and without the snapshot", () => {
    const cwd = makeTempDir();
    const items = Array.from(
      { length: 3000 },
      (_, i) => `  - name: s${i}\n    destination: https://slack.com/api\n    outgoing_auth:\n      - type: token\n        params:\n          header: Authorization\n          secrets: [env:T]\n`,
    );
    writeFileSync(join(cwd, "config.yaml"), `integrations:\n${items.join("")}`);
    const direct = runCli(["list", "--configured", "--json"], { cwd });
    expect(direct.code, direct.stderr).toBe(0);
    expect(direct.stdout.length).toBeGreaterThan(500_000); // several pipe buffers' worth
    for (const env of [{}, { INTEGRATIONS_NO_SNAPSHOT: "1" }]) {
      // The reader starts only after a pause: the CLI must not exit before the pipe has taken everything.
      const piped = spawnSync("/bin/sh", ["-c", `"$0" list --configured --json | (sleep 0.3; cat)`, CLI_LAUNCHER], { cwd, env: cliEnv({ env }), encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
      expect(piped.stdout).toBe(direct.stdout);
    }
  });
});
