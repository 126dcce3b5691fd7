import { constants } from "node:os";
import { filesWritten, releaseLocksNow } from "@integrations/core/base";
import { exitAfterOutput } from "./exit.js";
import { printable } from "../output/printable.js";
import { errorPrefix } from "../output/style.js";
import type { WriteText } from "../output/output.js";

/** The signals a user or a supervisor stops a run with: Ctrl-C, and `kill`/`docker stop`/CI cancel. */
const STOPPING = ["SIGINT", "SIGTERM"] as const;

/**
 * Ends the run at SIGINT (Ctrl-C) or SIGTERM with 128 + the signal's number (130, 143), as a shell
 * reports a process the signal killed, after releasing the file locks this run holds and printing
 * one line (with `json`, also the error as JSON on stdout, through `writeOut`).
 *
 * Nothing is half-written: a config file is replaced in one synchronous step (temp file, then
 * rename), and a handler runs only between the run's steps, so the file is either the old bytes or
 * the complete new ones, and no temp file is left.
 */
export function exitOnStopSignals(json: boolean, writeOut: WriteText): void {
  for (const signal of STOPPING) {
    process.once(signal, () => {
      releaseLocksNow();
      exitAfterOutput(reportStop(signal, json, writeOut), writeOut);
    });
  }
}

/**
 * Prints the one line of a run stopped by `signal` (with `json`, also the error as JSON on stdout),
 * saying whether a config file was already written, and returns the exit code: 128 + its number.
 */
export function reportStop(signal: (typeof STOPPING)[number], json: boolean, writeOut: WriteText): number {
  const code = 128 + constants.signals[signal];
  const written = filesWritten();
  const message = written.length > 0 ? `stopped by ${signal} after ${written.join(", ")} was written in full` : `stopped by ${signal}; no config file was changed`;
  process.stderr.write(`${errorPrefix()} ${printable(message)}\n`);
  if (json) writeOut(`${JSON.stringify({ status: "error", exitCode: code, error: message })}\n`);
  return code;
}
