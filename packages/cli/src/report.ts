import { ConfigError, FileError, InputError, PluginError, UsageError } from "@integrations/core";
import { PluginLoadError } from "./discovery/load.js";

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
  process.stderr.write(`error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return error instanceof UsageError ? EXIT.usage : EXIT.failure;
}

/** Prints a warning on stderr. */
export function warn(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}
