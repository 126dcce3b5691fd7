import { ConfigError, FileError, InputError, maskSecretsInMessage, PluginError, UsageError } from "@integrations/core/base";
import { PluginLoadError } from "../discovery/load-error.js";
import { errorPrefix } from "./style.js";
import { printable } from "./printable.js";

/** Exit codes (docs/design.md "The command line"). */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Prints an error as one line on stderr (`error: what, where, and the fix`) and returns its exit
 * code: 2 for usage errors, 1 for everything else. The stack trace only with `--debug`.
 *
 * Credentials are never printed: the message (and the stack) go through `maskSecretsInMessage`, and
 * the error's own `message` is replaced by the masked text, so that whatever prints it later (the
 * `--json` error object) prints the masked one too. A multi-line message is printed on one line.
 */
export function reportError(error: unknown, debug: boolean): number {
  const known = error instanceof UsageError || error instanceof InputError || error instanceof ConfigError ||
    error instanceof PluginError || error instanceof PluginLoadError || error instanceof FileError;
  const raw = known
    ? (error as Error).message
    : `unexpected failure: ${(error as Error)?.message ?? String(error)} (run again with --debug for details)`;
  const oneLine = (text: string) => printable(maskSecretsInMessage(text).replace(/\s*\n\s*/g, " "));
  const message = oneLine(raw);
  process.stderr.write(`${errorPrefix()} ${message}\n`);
  if (error instanceof Error) {
    if (debug && error.stack) process.stderr.write(`${maskSecretsInMessage(error.stack)}\n`);
    error.message = known ? message : oneLine(error.message);
  }
  return error instanceof UsageError ? EXIT.usage : EXIT.failure;
}
