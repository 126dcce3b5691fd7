import { maskSecretsInMessage } from "@integrations/core/base";
import { warningPrefix } from "./style.js";
import { printable } from "./printable.js";

/** Writes text to a stream; `done` runs once it is handed to the OS (or failed). */
export type WriteText = (text: string, done?: (error?: Error | null) => void) => boolean;

/** The output mode of a run, from its command line: `--quiet`, `--json` (or `-json`), `--debug`. */
export interface OutputMode {
  quiet: boolean;
  json: boolean;
  debug: boolean;
}

/**
 * One run's way to print: requested output on stdout (through the CLI's own stdout, see stdout.ts),
 * messages about the run on stderr, with credentials masked, and nothing but errors and requested
 * output under `--quiet`.
 */
export class Output implements OutputMode {
  readonly quiet: boolean;
  readonly json: boolean;
  readonly debug: boolean;

  constructor(
    mode: OutputMode,
    /** The CLI's own stdout (the runtime's). */
    readonly writeOut: WriteText,
    private readonly writeErr: WriteText,
  ) {
    this.quiet = mode.quiet;
    this.json = mode.json;
    this.debug = mode.debug;
  }

  /** Prints a warning on stderr, unless `--quiet`. */
  warn(message: string): void {
    if (!this.quiet) this.writeErr(`${warningPrefix()} ${printable(maskSecretsInMessage(message))}\n`);
  }

  /** Prints a message about the run on stderr, beside requested output on stdout (a dry run's diff), unless `--quiet`. */
  note(message: string): void {
    if (!this.quiet) this.writeErr(`${printable(maskSecretsInMessage(message))}\n`);
  }

  /** Prints a success message (`added slack to config.yaml (lines 3–20)`) on stdout, unless `--quiet`. */
  success(message: string): void {
    if (!this.quiet) this.writeOut(`${message}\n`);
  }
}
