import { IntegrationsError, InternalError, maskSecretsInMessage } from "@integrations/core/base";
import { errorPrefix } from "./style.js";
import { printable } from "./printable.js";

/** Exit codes: 0 done, 1 failed, 2 called wrongly (a usage error). */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** What `reportError` printed: the exit code the error asks for and the line (for `--json`'s error object). */
export interface ReportedError {
  exitCode: number;
  message: string;
}

/**
 * Prints an error as one line on stderr (`error: what, where, and the fix`) and returns its exit
 * code (the family's `exitCode`: 2 for usage errors, 1 for everything else) and the line printed.
 * An error outside the family is our bug: it is reported as an `InternalError`, whose line asks for
 * a report. The stack trace only with `--debug`.
 *
 * Credentials are never printed: the line (and the stack) go through `maskSecretsInMessage`. A
 * multi-line message is printed on one line.
 */
export function reportError(error: unknown, debug: boolean, reportTo: string): ReportedError {
  const known = error instanceof IntegrationsError ? error : new InternalError(String((error as Error)?.message ?? error), [], { cause: error });
  const message = printable(maskSecretsInMessage(known.describe()).replace(/\s*\n\s*/g, " "));
  const line = known instanceof InternalError ? internalLine(message, reportTo) : message;
  process.stderr.write(`${errorPrefix()} ${line}\n`);
  const stack = error instanceof Error ? error.stack : undefined;
  if (debug && stack) process.stderr.write(`${maskSecretsInMessage(stack)}\n`);
  return { exitCode: known.exitCode, message };
}

/** The line for our bug: what failed, where to report it, and how to get the stack for the report. */
function internalLine(message: string, reportTo: string): string {
  return `unexpected failure: ${message}; this is a bug in integrations: please report it at ${reportTo} with the output of the same command run with --debug (it adds the stack trace)`;
}
