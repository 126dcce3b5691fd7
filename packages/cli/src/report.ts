import { ConfigError, FileError, InputError, PluginError, UsageError } from "@integrations/core";
import { PluginLoadError } from "./discovery/load.js";
import { errorPrefix, warningPrefix } from "./style.js";

/** Exit codes (DESIGN.md §4). */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Prints an error as one line on stderr (`error: what, where, and the fix`) and returns its exit
 * code: 2 for usage errors, 1 for everything else. The stack trace only with `--debug`.
 */
export function reportError(error: unknown, debug: boolean): number {
  const known = error instanceof UsageError || error instanceof InputError || error instanceof ConfigError ||
    error instanceof PluginError || error instanceof PluginLoadError || error instanceof FileError;
  const message = known
    ? (error as Error).message
    : `unexpected failure: ${(error as Error)?.message ?? String(error)} (run again with --debug for details)`;
  process.stderr.write(`${errorPrefix()} ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return error instanceof UsageError ? EXIT.usage : EXIT.failure;
}

let quiet = false;

/** `--quiet`: from now on, success messages and warnings are not printed (errors and requested output still are). */
export function setQuiet(on: boolean): void {
  quiet = on;
}

/** Whether `--quiet` is in effect. */
export function isQuiet(): boolean {
  return quiet;
}

/** Prints a warning on stderr, unless `--quiet`. */
export function warn(message: string): void {
  if (!quiet) process.stderr.write(`${warningPrefix()} ${message}\n`);
}

/** Prints a success message (`integration added`) on stdout, unless `--quiet`. */
export function success(message: string): void {
  if (!quiet) process.stdout.write(`${message}\n`);
}
