/**
 * End to end: a hostile third-party plugin, run sandboxed (issue 18), is stopped or sees nothing.
 *
 * Each project has an isolated HOME holding a `~/.npmrc` with a registry token, the CLI runs with
 * `SLACK_TOKEN=<a Slack bot token>` in its environment, and `config.yaml` holds one slack block. The
 * hostile plugins (test-utils' `hostileSource`, project plugins) read `~/.npmrc` (at import, in
 * `build`, and through a symlink shipped in the package), read `process.env` and put the token in
 * the block, write the config file, spawn `sh`, loop or wait for ever, print megabytes (stdout,
 * stderr, `fs.writeSync(1, …)`), start a Worker and load a native addon. For each, as `<name>` and
 * as `<name> --json`:
 *
 * - exit 1, one `error:` line naming the package and what it tried ("the sandbox stopped it: it
 *   tried to read <path>" …); stdout empty, or the `--json` error object;
 * - `config.yaml` byte for byte as it was, nothing written in the project or HOME (the markers the
 *   plugins aim at do not exist), no token from the environment or `~/.npmrc` in any output, no
 *   ExperimentalWarning.
 *
 * A plugin that catches every denial and returns a block runs: the block is written, and holds
 * nothing it was not given. The controls: the same plugins trusted (`trust:` in
 * `.integrationsrc.yaml`) run in process and DO read `~/.npmrc` and the environment, so these tests
 * can fail.
 */
import { existsSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  assertValidConfig,
  hostileSource,
  leakIn,
  makeTempDir,
  runCli,
  runCliEach,
  slackBlock,
  TOKEN_SHAPES,
  treeListing,
  writeFiles,
  writeProjectPlugin,
  type CliResult,
  type HostileOptions,
} from "@integrations/test-utils";

const softExpect = expect.soft;

/** The token in the CLI's environment (`SLACK_TOKEN`) and the one in `~/.npmrc`: neither may appear in any output or file. */
const SLACK_TOKEN = TOKEN_SHAPES.find((t) => t.shape === "Slack bot")!.token;
const NPM_TOKEN = TOKEN_SHAPES.find((t) => t.shape === "GitHub classic")!.token;
const SECRETS = [SLACK_TOKEN, NPM_TOKEN];

/**
 * INTEGRATIONS_PLUGIN_TIMEOUT_MS of the runs that must end by the time limit: a few seconds. The
 * others run with `GUARD_MS`, far above any import on a loaded machine, so that only what the case
 * tests can stop them (a bound, never a speed check).
 */
const TIMEOUT_MS = 10_000;
const GUARD_MS = 120_000;

/** A temp project (realpath): package.json, config.yaml with one slack block, HOME with `.npmrc`, and where hostile plugins aim. */
function project() {
  const root = realpathSync(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }), "config.yaml": `integrations:\n${slackBlock()}` }));
  const home = join(root, "home");
  writeFiles(home, { ".npmrc": `//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n` });
  const config = join(root, "config.yaml");
  assertValidConfig(readFileSync(config, "utf8"));
  const env = { HOME: home, SLACK_TOKEN, INTEGRATIONS_DATA_DIR: join(root, "data"), INTEGRATIONS_PLUGIN_TIMEOUT_MS: String(GUARD_MS) };
  return {
    root,
    home,
    config,
    npmrc: join(home, ".npmrc"),
    /** A path no plugin may create: in the project, beside config.yaml. */
    marker: join(root, "pwned"),
    env,
    run: (args: string[]): CliResult => runCli(args, { cwd: root, env }),
  };
}
type Project = ReturnType<typeof project>;

/** One hostile plugin: its module (given the project's paths) and what the error must say it tried. */
interface Hostile {
  name: string;
  what: string;
  module: (p: Project, dir: string) => Omit<HostileOptions, "name">;
  /** What the error says after "the sandbox stopped it: ", given the project and the plugin's directory. */
  tried: (p: Project, dir: string) => RegExp;
  /** Files the package ships besides its module (e.g. a symlink), made after it is written. */
  extra?: (p: Project, dir: string) => void;
  /** Its printing may reach stderr before the error line (the sandbox forwards a plugin's output there). */
  prints?: boolean;
  /** Runs with INTEGRATIONS_PLUGIN_TIMEOUT_MS=TIMEOUT_MS (else GUARD_MS): the time limit is what stops it. */
  timed?: boolean;
  /** The error does not say "the sandbox stopped it": an import that never settles is worded as in process, a bug rather than an attack. */
  asInProcess?: boolean;
}

const q = JSON.stringify;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Three MiB of lines of x (an expression), three times the output limit. */
const THREE_MIB_LINES = `("x".repeat(1023) + "\\n").repeat(3 * 1024)`;
/**
 * Statements writing all of THREE_MIB_LINES to file descriptor `fd` with `fs.writeSync`: one call
 * writes only what the pipe takes (or throws EAGAIN), so it loops until all is written.
 */
const writeAll = (fd: number) =>
  `{ const all = Buffer.from(${THREE_MIB_LINES}); let at = 0; while (at < all.length) { try { at += fs.writeSync(${fd}, all, at); } catch (e) { if (e.code !== "EAGAIN") throw e; } } }`;
/** Keeps a plugin's import from settling while its output drains: only the output limit (or the guard) can end it. */
const KEEP_ALIVE = "setInterval(() => {}, 1000); await new Promise(() => {});";

const HOSTILE: Hostile[] = [
  {
    name: "readrc",
    what: "reads ~/.npmrc at import",
    module: (p) => ({ atImport: `seen = readFileSync(${q(p.npmrc)}, "utf8").includes("_authToken") ? "read-npmrc" : "no-token";` }),
    tried: (p) => new RegExp(`it tried to read ${esc(p.npmrc)}`),
  },
  {
    name: "readrc-build",
    what: "reads ~/.npmrc in build",
    module: (p) => ({ inBuild: `seen = readFileSync(${q(p.npmrc)}, "utf8").includes("_authToken") ? "read-npmrc" : "no-token";` }),
    tried: (p) => new RegExp(`it tried to read ${esc(p.npmrc)}`),
  },
  {
    name: "writecfg",
    what: "writes config.yaml at import",
    module: (p) => ({ atImport: `writeFileSync(${q(p.config)}, "integrations: []\\n");` }),
    tried: (p) => new RegExp(`it tried to write ${esc(p.config)}`),
  },
  {
    name: "writecfg-build",
    what: "writes config.yaml in build",
    module: (p) => ({ inBuild: `fs.appendFileSync(${q(p.config)}, "  - name: planted\\n");` }),
    tried: (p) => new RegExp(`it tried to write ${esc(p.config)}`),
  },
  {
    name: "spawn",
    what: "spawns sh at import (execSync)",
    module: (p) => ({ atImport: `execSync(${q(`touch ${p.marker}`)});` }),
    tried: () => /it tried to start a child process/,
  },
  {
    name: "spawn-build",
    what: "spawns sh in build (spawn)",
    module: (p) => ({ inBuild: `childProcess.spawn("sh", ["-c", ${q(`touch ${p.marker}`)}], { stdio: "ignore" });` }),
    tried: () => /it tried to start a child process/,
  },
  {
    name: "worker",
    what: "starts a Worker at import",
    module: (p) => ({ atImport: `new Worker(${q(`require("fs").writeFileSync(${q(p.marker)}, "worker")`)}, { eval: true });` }),
    tried: () => /it tried to start a worker/,
  },
  {
    name: "dlopen",
    what: "loads a native addon at import (process.dlopen)",
    module: () => ({ atImport: `process.dlopen({ exports: {} }, new URL("./addon.node", import.meta.url).pathname);` }),
    extra: (_p, dir) => writeFileSync(join(dir, "addon.node"), "not really an addon"),
    tried: () => /it tried to load a native addon/,
  },
  {
    name: "loop",
    what: "never returns from build (while (true) {})",
    module: () => ({ inBuild: "while (true) {}" }),
    tried: () => new RegExp(`building its block did not finish within ${TIMEOUT_MS} ms`),
    timed: true,
  },
  {
    name: "loop-import",
    what: "loops for ever at import",
    module: () => ({ atImport: "while (true) {}" }),
    tried: () => new RegExp(`importing it did not finish within ${TIMEOUT_MS} ms`),
    timed: true,
    asInProcess: true,
  },
  {
    name: "hang",
    what: "has an import that never settles, a timer keeping its process alive",
    module: () => ({ atImport: "setInterval(() => {}, 1000); await new Promise(() => {});" }),
    tried: () => new RegExp(`importing it did not finish within ${TIMEOUT_MS} ms`),
    timed: true,
    asInProcess: true,
  },
  {
    name: "hang-empty",
    what: "has an import that never settles, nothing left to run",
    module: () => ({ atImport: "await new Promise(() => {});" }),
    tried: () => /importing it did not finish: a top-level await that never settles/,
    asInProcess: true,
  },
  {
    name: "loud",
    what: "prints 3 MiB to stdout at import (process.stdout.write, no newline), then waits",
    module: () => ({ atImport: `process.stdout.write("x".repeat(3 * 2 ** 20)); ${KEEP_ALIVE}` }),
    tried: () => /it printed more than 1 MiB while importing it/,
    prints: true,
  },
  {
    name: "loud-stderr",
    what: "prints 3 MiB to stderr at import (process.stderr.write), then waits",
    module: () => ({ atImport: `process.stderr.write(${THREE_MIB_LINES}); ${KEEP_ALIVE}` }),
    tried: () => /it printed more than 1 MiB while importing it/,
    prints: true,
  },
  {
    name: "loud-fd",
    what: "prints 3 MiB with fs.writeSync(1, …) at import, then waits",
    module: () => ({ atImport: `${writeAll(1)} ${KEEP_ALIVE}` }),
    tried: () => /it printed more than 1 MiB while importing it/,
    prints: true,
  },
  {
    name: "loud-build",
    what: "prints 3 MiB with fs.writeSync(2, …) in build",
    module: () => ({ inBuild: writeAll(2) }),
    tried: () => /it printed more than 1 MiB while building its block/,
    prints: true,
  },
  {
    name: "loud-forever",
    what: "prints to stdout for ever at import (its writes pile up in its own memory faster than they drain)",
    module: () => ({ atImport: `for (;;) process.stdout.write(${THREE_MIB_LINES});` }),
    // Whichever comes first: the output limit, or the heap limit (node aborts, printing its own trace).
    tried: () => /it printed more than 1 MiB while importing it|it ran out of memory while importing it/,
    prints: true,
    asInProcess: true,
  },
];

/**
 * A package that ships a symlink to a file outside it (`npmrc -> ~/.npmrc`; npm drops links from
 * registry tarballs, but a project's node_modules, a linked directory or a directory install keep
 * them). Node 20's permission model checks the path as given and follows links, so the sandbox
 * refuses to start a plugin whose packages hold a link leading outside them.
 */
const LINKED: Hostile = {
  name: "readrc-link",
  what: "reads ~/.npmrc through a symlink its package ships",
  module: () => ({ atImport: `seen = readFileSync(new URL("./npmrc", import.meta.url), "utf8").includes("_authToken") ? "read-npmrc" : "no-token";` }),
  extra: (p, dir) => symlinkSync(p.npmrc, join(dir, "npmrc")),
  tried: (p, dir) => new RegExp(`(it tried to read (${esc(p.npmrc)}|${esc(join(dir, "npmrc"))})|symbolic link leading outside its packages)`),
};

/** What must hold of a refused run, whatever the plugin tried. */
function expectStopped(result: CliResult, json: boolean, h: Hostile, p: Project, dir: string): void {
  // Soft: one run's failure does not hide the others'.
  const expect = softExpect;
  const context = `${h.name}${json ? " --json" : ""} (${h.what})\nstderr: …${result.stderr.slice(-600)}\nstdout: ${result.stdout.slice(0, 600)}`;
  expect(result.code, context).toBe(1);
  const lines = result.stderr.trimEnd().split("\n");
  const errors = lines.filter((line) => line.startsWith("error: "));
  expect(errors, context).toHaveLength(1);
  // The plugin's own printing may come first; the error is the last line, and nothing else is ours.
  if (!h.prints) expect(lines, context).toHaveLength(1);
  const line = lines.at(-1)!;
  expect(line, context).toMatch(/^error: /);
  expect(line, context).toContain(`integrations-plugin-${h.name}`);
  // An import failure names the package and its directory; a build failure the integration and the package.
  expect(line, context).toMatch(new RegExp(`plugin integrations-plugin-${esc(h.name)}( \\(${esc(dir)}\\) cannot be loaded: |\\))`));
  if (!h.asInProcess) expect(line, context).toMatch(/the sandbox stopped it( before starting it)?: /);
  expect(line, context).toMatch(h.tried(p, dir));
  if (json) expect(JSON.parse(result.stdout), context).toMatchObject({ status: "error", exitCode: 1, error: line.slice("error: ".length) });
  else expect(result.stdout, context).toBe("");
  expect(leakIn(result, SECRETS), context).toBeUndefined();
  expect(`${result.stdout}${result.stderr}`, context).not.toMatch(/ExperimentalWarning|--experimental-permission/);
}

/** Writes each of `hostile` into a new project and runs it with and without --json; checks every run, and that nothing was written. */
async function expectAllStopped(hostile: readonly Hostile[]): Promise<void> {
  const p = project();
  const dirs = new Map<string, string>();
  for (const h of hostile) {
    const dir = join(p.root, "node_modules", `integrations-plugin-${h.name}`);
    writeProjectPlugin(p.root, h.name, hostileSource({ name: h.name, ...h.module(p, dir) }));
    h.extra?.(p, dir);
    dirs.set(h.name, dir);
  }
  const before = { root: treeListing(p.root), config: readFileSync(p.config) };
  const jobs = hostile.flatMap((h) => [false, true].map((json) => ({ h, json, args: [h.name, "-token", "env:SLACK_TOKEN", ...(json ? ["--json"] : [])] })));
  const results = await runCliEach(jobs.map(({ h, args }) => ({ args, cwd: p.root, env: { ...p.env, ...(h.timed ? { INTEGRATIONS_PLUGIN_TIMEOUT_MS: String(TIMEOUT_MS) } : {}) } })));
  jobs.forEach(({ h, json }, k) => expectStopped(results[k]!, json, h, p, dirs.get(h.name)!));
  expect(readFileSync(p.config).equals(before.config), "config.yaml changed").toBe(true);
  expect(existsSync(p.marker), "a plugin created its marker").toBe(false);
  expect(treeListing(p.root), "something was written in the project or HOME").toEqual(before.root);
}

describe("a hostile plugin, run sandboxed, is stopped: one line naming it and what it tried, nothing written, nothing leaked", () => {
  it(`${HOSTILE.length} plugins (${HOSTILE.map((h) => h.name).join(", ")}) × with and without --json`, () => expectAllStopped(HOSTILE), 600_000);

  // Node 20 follows the link: the sandbox refuses to start a plugin whose packages hold one leading out (links.ts).
  it("a package shipping a symlink to ~/.npmrc: reading through it is refused too", () => expectAllStopped([LINKED]), 120_000);
});

describe("a hostile plugin that sees nothing returns a block: it is validated and written, holding nothing secret", () => {
  it("one that puts $SLACK_TOKEN in its header prefix: the block is written without it", () => {
    const p = project();
    writeProjectPlugin(
      p.root,
      "envthief",
      hostileSource({
        name: "envthief",
        inBuild: `seen = process.env.SLACK_TOKEN ? "saw-token" : process.env.HOME ? "saw-home" : "saw-no-env"; prefix = "Bearer " + (process.env.SLACK_TOKEN ?? "");`,
      }),
    );
    const result = p.run(["envthief", "-token", "env:SLACK_TOKEN"]);
    expect(result.code, result.stderr).toBe(0);
    const text = readFileSync(p.config, "utf8");
    assertValidConfig(text);
    expect(text).toContain("destination: https://saw-no-env.example.com");
    expect(text).toMatch(/prefix: "?Bearer "?\n/);
    expect(leakIn({ stdout: text, stderr: "" }, SECRETS), "the config holds a secret").toBeUndefined();
    expect(leakIn(result, SECRETS)).toBeUndefined();
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/ExperimentalWarning/);
  });

  it("one that catches every denial (read ~/.npmrc and the CLI's /proc/<pid>/environ, write, spawn, Worker, dlopen): its block is written, it saw nothing, changed nothing", () => {
    const p = project();
    const attempt = (what: string, code: string) => `try { ${code}; seen += "-${what}"; } catch {}`;
    const source = hostileSource({
      name: "swallow",
      atImport: [
        `seen = "saw";`,
        attempt("npmrc", `readFileSync(${q(p.npmrc)})`),
        attempt("environ", `if (!readFileSync("/proc/" + process.ppid + "/environ", "utf8").includes("SLACK_TOKEN")) throw 0`),
        attempt("env", `if (!process.env.SLACK_TOKEN) throw 0`),
        attempt("write", `writeFileSync(${q(p.marker)}, "x")`),
        attempt("spawn", `execSync(${q(`touch ${p.marker}`)})`),
        attempt("worker", `new Worker("1", { eval: true }).terminate()`),
        attempt("dlopen", `process.dlopen({ exports: {} }, "/nonexistent/addon.node")`),
        `if (seen === "saw") seen = "saw-nothing";`,
      ].join("\n"),
    });
    writeProjectPlugin(p.root, "swallow", source);
    const before = readFileSync(p.config, "utf8");
    const result = p.run(["swallow", "-token", "env:SLACK_TOKEN", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "added" });
    const text = readFileSync(p.config, "utf8");
    assertValidConfig(text);
    expect(text.startsWith(before), "the old blocks changed").toBe(true);
    expect(text.slice(before.length)).toContain("destination: https://saw-nothing.example.com");
    expect(existsSync(p.marker), "a denied write or spawn happened").toBe(false);
    expect(leakIn(result, SECRETS)).toBeUndefined();
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/ExperimentalWarning/);
  });
});

describe("control: the same plugins trusted (trust: in .integrationsrc.yaml) run in process and see everything", () => {
  it("readrc reads ~/.npmrc; envthief sees $SLACK_TOKEN (and the credential check refuses its block)", () => {
    const p = project();
    for (const h of HOSTILE.filter((x) => x.name === "readrc")) writeProjectPlugin(p.root, h.name, hostileSource({ name: h.name, ...h.module(p, "") }));
    writeProjectPlugin(
      p.root,
      "envthief",
      hostileSource({ name: "envthief", inBuild: `seen = process.env.SLACK_TOKEN ? "saw-token" : "saw-no-env"; prefix = "Bearer " + (process.env.SLACK_TOKEN ?? "");` }),
    );
    writeFiles(p.root, { ".integrationsrc.yaml": "trust:\n  - integrations-plugin-readrc\n  - integrations-plugin-envthief\n" });

    const read = p.run(["readrc", "-token", "env:SLACK_TOKEN", "--dry-run"]);
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toContain("https://read-npmrc.example.com");

    const before = readFileSync(p.config);
    const env = p.run(["envthief", "-token", "env:SLACK_TOKEN"]);
    expect(env.code, env.stderr).toBe(1);
    expect(env.stderr).toMatch(/integrations-plugin-envthief/);
    expect(env.stderr).toMatch(/credential/i);
    expect(leakIn(env, SECRETS)).toBeUndefined();
    expect(readFileSync(p.config).equals(before)).toBe(true);
  });
});
