import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { workspacePath } from "./paths.js";
import { makeTempDir } from "./temp.js";

/** The built CLI's plain ESM entry point (`node CLI_BIN …`), without the start-up snapshot. */
export const CLI_BIN = workspacePath("packages", "cli", "dist", "bin.js");

/**
 * The `integrations` bin as installed: a shell launcher that `exec`s node from the start-up snapshot
 * when one fits, else `node dist/bin.js`. `runCli` runs this, the way a user's shell runs the bin;
 * `INTEGRATIONS_NO_SNAPSHOT=1` in the test's environment makes every run take the plain path.
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
  /** A JavaScript entry to run with node instead of `CLI_LAUNCHER` (e.g. the CLI reached through a symlink). */
  bin?: string;
  /**
   * Run as this user, group and supplementary groups (numbers need no passwd entry), through
   * `setpriv`: only root may switch, so check `process.getuid() === 0` first.
   */
  user?: { uid: number; gid: number; groups: readonly number[] };
}

/**
 * Environment variables that keep a run away from the machine's real plugins (DESIGN.md §3 sources
 * 4 and 5): the user plugin directory, npm's global prefix, pnpm's home and global directory, the
 * XDG data directory and `HOME` (for `~/.npmrc` and `~/.local/share`), all under `dir` (nothing is
 * created there).
 */
export function isolatedEnv(dir: string): Record<string, string> {
  return {
    INTEGRATIONS_DATA_DIR: join(dir, "integrations-data"),
    NPM_CONFIG_PREFIX: join(dir, "npm-prefix"),
    PNPM_HOME: join(dir, "pnpm-home"),
    XDG_DATA_HOME: join(dir, "xdg-data"),
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

/** Runs the built `integrations` CLI (its launcher, or `node options.bin`) with `args` in `options.cwd` and waits for it. */
export function runCli(args: readonly string[], options: RunOptions): CliResult {
  const [program, programArgs] = options.bin ? [process.execPath, [options.bin, ...args]] : [CLI_LAUNCHER, args];
  const user = options.user;
  const [command, commandArgs] = user
    ? ["setpriv", [`--reuid=${user.uid}`, `--regid=${user.gid}`, user.groups.length > 0 ? `--groups=${user.groups.join(",")}` : "--clear-groups", program, ...programArgs]]
    : [program, programArgs];
  const result = spawnSync(command, commandArgs, {
    cwd: options.cwd,
    env: cliEnv(options),
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
