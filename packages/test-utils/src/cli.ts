import { spawnSync } from "node:child_process";
import { workspacePath } from "./paths.js";

/** The built CLI's entry point; tests run it the way a user's shell runs the bin. */
export const CLI_BIN = workspacePath("packages", "cli", "dist", "bin.js");

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
  /** Extra environment variables; `NO_COLOR` and `CI` are set for stable output. */
  env?: Record<string, string>;
}

/** Runs the built `integrations` CLI with `args` in `options.cwd` and waits for it. */
export function runCli(args: readonly string[], options: RunOptions): CliResult {
  const result = spawnSync(process.execPath, [CLI_BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: "1", CI: "true", INTEGRATIONS_FILE: "", ...options.env },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
