import { printable } from "../output/printable.js";
import { errorPrefix } from "../output/style.js";
import type { Runtime } from "./runtime.js";
import type { WriteText } from "../output/output.js";

/**
 * The exit code of a run that stopped before its command finished: 70, "internal software error"
 * in sysexits.h. Never 0, so that a script or CI job cannot take such a run for a success.
 */
export const EXIT_UNFINISHED = 70;

/**
 * Ends the process with the exit code `run` settles to, once its output is flushed
 * (`exitAfterOutput`). If Node's event loop empties first — the command waits for something that
 * nothing left in the process can bring, such as a top-level await that never settles or a timer
 * that Node failed to arm — Node would end the process with exit code 0 (or 13) and the command
 * unfinished; this ends it with `EXIT_UNFINISHED` and an error saying so instead (with `json`, also
 * as JSON on stdout).
 *
 * No config file is half-written then: an edit writes its file in one synchronous step after every
 * wait, and the command settles right after it.
 */
export function finishRun(run: Promise<number>, json: boolean, runtime: Runtime): void {
  let code: number | undefined;
  process.once("beforeExit", () => (code === undefined ? endUnfinished(json, runtime) : process.exit(code)));
  run.then(
    (settled) => exitAfterOutput((code = settled), runtime.writeOut),
    (error: unknown) => {
      // main() reports its errors itself; reaching this is our bug.
      process.stderr.write(`${errorPrefix()} internal error: ${printable(String((error as Error)?.message ?? error))}\n`);
      exitAfterOutput((code = EXIT_UNFINISHED), runtime.writeOut);
    },
  );
}

function endUnfinished(json: boolean, runtime: Runtime): void {
  const importing = runtime.pendingImports();
  const message =
    importing.length > 0
      ? `the run stopped before it finished: importing ${importing.join(", ")} never finished (its top-level await waits for something nothing will bring); no config file was changed. Fix that module and run again`
      : "internal error: the run stopped before it finished: the command was left waiting for something that can no longer happen; no config file was changed. Run again; if it persists, report it with the output of --debug";
  process.stderr.write(`${errorPrefix()} ${printable(message)}\n`);
  if (json) runtime.writeOut(`${JSON.stringify({ status: "error", exitCode: EXIT_UNFINISHED, error: message })}\n`);
  exitAfterOutput(EXIT_UNFINISHED, runtime.writeOut);
}

/**
 * Ends the process with `code` once everything written to stdout and stderr has been handed to the
 * OS. Exiting explicitly, rather than when the event loop drains, means that a plugin whose import
 * timed out but still holds a timer or a socket cannot keep the CLI alive; waiting for the streams
 * first means that a long output into a slow pipe (`integrations list --configured --json | less`)
 * is never cut short. (A write's callback runs after every earlier write on that stream.)
 */
export function exitAfterOutput(code: number, writeOut: WriteText): void {
  process.exitCode = code;
  writeOut("", () => process.stderr.write("", () => process.exit(code)));
}
