import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pMap from "p-map";
import { workspacePath } from "./paths.js";
import { makeTempDir } from "./temp.js";

/**
 * The `integrations` bin as installed: a shell launcher that `exec`s node from the start-up snapshot
 * when one fits, else `node dist/bin.js`. Every end-to-end test starts the CLI through it, the way a
 * user's shell does: `runCli` and `startCli`, or this path where a shell or terminal must run it.
 * `INTEGRATIONS_NO_SNAPSHOT=1` in the test's environment makes every run take the plain entry
 * (`pnpm test` runs the end-to-end files both ways).
 */
export const CLI_LAUNCHER = workspacePath("packages", "cli", "bin", "integrations");

/** What one run of the CLI did. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options for `runCli`. */
export interface RunOptions {
  /** The working directory (a temp dir). */
  cwd: string;
  /**
   * Extra environment variables, applied last; `undefined` removes a variable (e.g. the default
   * `INTEGRATIONS_DATA_DIR`, to test the `$XDG_DATA_HOME` fallback). `NO_COLOR` and `CI` are set for
   * stable output.
   */
  env?: Record<string, string | undefined>;
  /**
   * Keep the machine's real plugins out (default true): the isolation of `isolatedEnv` in a temp
   * dir shared by this test process, except `HOME` (so that a spawned npm keeps the user's npmrc and
   * cache). `false` runs with the inherited environment.
   */
  isolate?: boolean;
  /** Another copy's `integrations` launcher to run instead of `CLI_LAUNCHER` (the CLI installed elsewhere, reached through a symlink). */
  bin?: string;
  /**
   * Run as this user, group and supplementary groups (numbers need no passwd entry), through
   * `setpriv`: only root may switch, so check `process.getuid() === 0` first.
   */
  user?: { uid: number; gid: number; groups: readonly number[] };
}

/** How long a run may take before the test kills it, in ms: a bound on a stuck run, never a speed check. */
const RUN_GUARD_MS = 300_000;

/**
 * Environment variables that keep a run away from the machine's real plugins (docs/design.md "Discovery" sources
 * 4 and 5) and from what the machine's runs remember about plugins: the user plugin directory, npm's
 * global prefix, pnpm's home and global directory, the XDG data and cache directories and `HOME`
 * (for `~/.npmrc`, `~/.local/share` and `~/.cache`), all under `dir` (nothing is created there).
 */
export function isolatedEnv(dir: string): Record<string, string> {
  return {
    INTEGRATIONS_DATA_DIR: join(dir, "integrations-data"),
    NPM_CONFIG_PREFIX: join(dir, "npm-prefix"),
    PNPM_HOME: join(dir, "pnpm-home"),
    XDG_DATA_HOME: join(dir, "xdg-data"),
    XDG_CACHE_HOME: join(dir, "xdg-cache"),
    HOME: join(dir, "home"),
  };
}

let defaultIsolation: Record<string, string> | undefined;

/** `isolatedEnv` of one temp dir per test process, without `HOME`. */
function defaultEnv(): Record<string, string> {
  if (!defaultIsolation) {
    const { HOME: _home, ...rest } = isolatedEnv(makeTempDir());
    defaultIsolation = rest;
  }
  return defaultIsolation;
}

/**
 * The environment of a run: the inherited one, `NO_COLOR`/`CI`/an empty `INTEGRATIONS_FILE`, the
 * default isolation (unless `isolate: false`), then `env`. A variable set here replaces the
 * inherited one whatever its case (npm reads `npm_config_prefix` and `NPM_CONFIG_PREFIX` alike).
 */
export function cliEnv(options: Pick<RunOptions, "env" | "isolate"> = {}): NodeJS.ProcessEnv {
  const overrides: Record<string, string | undefined> = {
    NO_COLOR: "1",
    CI: "true",
    INTEGRATIONS_FILE: "",
    ...(options.isolate === false ? {} : defaultEnv()),
    ...options.env,
  };
  const lower = new Set(Object.keys(overrides).map((key) => key.toLowerCase()));
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !lower.has(key.toLowerCase())));
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) env[key] = value;
  return env;
}

/** The program and arguments that start the CLI with `args` as `options` say (its launcher, or `setpriv` running it as another user). */
function commandLine(args: readonly string[], options: Pick<RunOptions, "bin" | "user">): [string, string[]] {
  const program = options.bin ?? CLI_LAUNCHER;
  const user = options.user;
  return user ? ["setpriv", [`--reuid=${user.uid}`, `--regid=${user.gid}`, user.groups.length > 0 ? `--groups=${user.groups.join(",")}` : "--clear-groups", program, ...args]] : [program, [...args]];
}

/** Runs the built `integrations` CLI (its launcher) with `args` in `options.cwd` and waits for it. */
export function runCli(args: readonly string[], options: RunOptions): CliResult {
  const [command, commandArgs] = commandLine(args, options);
  const result = spawnSync(command, commandArgs, {
    cwd: options.cwd,
    env: cliEnv(options),
    encoding: "utf8",
    timeout: RUN_GUARD_MS,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** What `runCliMeasured` saw: the run, and its peak resident set size in KiB. */
export interface MeasuredResult extends CliResult {
  maxRssKiB: number;
}

/**
 * `runCli` under GNU time (`/usr/bin/time -f %M`), which reports the run's peak resident set size:
 * the launcher `exec`s node, so that is node's own peak, whichever way it started.
 */
export function runCliMeasured(args: readonly string[], options: RunOptions): MeasuredResult {
  const out = join(makeTempDir(), "max-rss-kib");
  const result = spawnSync("/usr/bin/time", ["-f", "%M", "-o", out, options.bin ?? CLI_LAUNCHER, ...args], {
    cwd: options.cwd,
    env: cliEnv(options),
    encoding: "utf8",
    timeout: RUN_GUARD_MS,
    maxBuffer: 256 * 1024 * 1024, // list --configured of a file near the size limit
  });
  if (result.error) throw result.error;
  const maxRssKiB = Number(readFileSync(out, "utf8").trim().split("\n").at(-1));
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, maxRssKiB };
}

/** What one run started by `startCli` did; `signal` is set when it was killed. */
export interface StartedResult extends CliResult {
  signal: NodeJS.Signals | null;
}

/**
 * Starts the built `integrations` CLI (its launcher) without waiting, so that many can run at once;
 * `done` resolves when it has exited and its output is read. Killed after `guardMs` (default 300 s):
 * a bound on a run stuck for good, far above any run's length on a loaded machine.
 */
export function startCli(args: readonly string[], options: RunOptions & { guardMs?: number }): { child: ChildProcess; done: Promise<StartedResult> } {
  const [command, commandArgs] = commandLine(args, options);
  const child = spawn(command, commandArgs, { cwd: options.cwd, env: cliEnv(options), stdio: ["ignore", "pipe", "pipe"] });
  const guard = setTimeout(() => child.kill("SIGKILL"), options.guardMs ?? RUN_GUARD_MS);
  const done = new Promise<StartedResult>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      resolve({ code: code ?? -1, signal, stdout, stderr });
    });
  });
  return { child, done };
}

/** One run for `runCliEach`: the arguments, and the options of `runCli`. */
export interface CliJob extends RunOptions {
  args: readonly string[];
}

/**
 * How many runs `runCliEach` keeps going at once: a test's runs then overlap one another's process
 * start and file reads instead of queueing behind each other, while a few at a time keep the memory
 * and the machine's load small next to the other test files running beside it.
 */
const RUNS_AT_ONCE = 4;

/**
 * Runs the CLI once per job, `RUNS_AT_ONCE` at a time, and resolves with the results in the jobs'
 * order. Only for runs that do not depend on one another: reads, dry runs and refused runs, or runs
 * in separate directories (a run that writes a file another job reads belongs in a sequence).
 */
export function runCliEach(jobs: readonly CliJob[]): Promise<CliResult[]> {
  return pMap(
    jobs,
    async ({ args, ...options }) => {
      const { code, stdout, stderr } = await startCli(args, options).done;
      return { code, stdout, stderr };
    },
    { concurrency: RUNS_AT_ONCE },
  );
}
