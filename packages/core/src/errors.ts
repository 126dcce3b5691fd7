/**
 * The error family. Core never prints and never exits: the CLI's entry prints an `IntegrationsError`
 * as one line on stderr and exits with its `exitCode` (2 for `UsageError`, 1 for the others).
 * `problems` lists every problem found, one line each, naming its flag or its dotted path
 * (`integrations[2].destination: …`). Anything else that reaches the entry is our bug
 * (`InternalError`).
 */
export abstract class IntegrationsError extends Error {
  /** The process's exit code when this error ends a run: 2 for a usage error, 1 otherwise. */
  abstract readonly exitCode: 1 | 2;
  /** The plugin the error is about, when there is one; `describe` names it in the printed line. */
  plugin?: PluginRef;

  /** Builds the message once the config file's path is known (`placeIn`); unset once placed. */
  #inFile: FileMessage | undefined;

  constructor(
    message: string | FileMessage,
    readonly problems: readonly string[] = [],
    options?: { cause?: unknown; plugin?: PluginRef },
  ) {
    super(typeof message === "string" ? message : message(UNPLACED_FILE), options);
    if (typeof message === "function") this.#inFile = message;
    if (options?.plugin) this.plugin = options.plugin;
  }

  /**
   * Names the config file in the message, as the user gave it (`config.yaml:3:1: …`), when the
   * message is about the file; once: the first placement wins. Returns the error itself.
   */
  placeIn(file: string): this {
    if (this.#inFile) this.message = this.#inFile(file);
    this.#inFile = undefined;
    return this;
  }

  /**
   * The one line this error prints as: its message, with the plugin it is about named after it
   * (`… (plugin integrations-plugin-acme)`).
   */
  describe(): string {
    return this.plugin ? `${this.message} (plugin ${this.plugin.packageName})` : this.message;
  }
}

/**
 * A message about the config file, given the file's path as the user wrote it: core's parsing and
 * editing code throws these without knowing the path, and the caller that does places it once.
 */
export type FileMessage = (file: string) => string;

/** What a message about the config file says until its path is placed. */
const UNPLACED_FILE = "the config file";

/**
 * Runs `work` on the config file `file` (the path as the user gave it): an error of the family that
 * it throws names `file` in its message (`placeIn`).
 */
export function inConfigFile<T>(file: string, work: () => T): T {
  try {
    const result = work();
    return result instanceof Promise
      ? (result.catch((error: unknown) => {
          throw placed(error, file);
        }) as T)
      : result;
  } catch (error) {
    throw placed(error, file);
  }
}

function placed(error: unknown, file: string): unknown {
  return error instanceof IntegrationsError ? error.placeIn(file) : error;
}

/** The plugin an error is about: its package, the integration it provides, and (when known) its directory. */
export interface PluginRef {
  packageName: string;
  integration: string;
  dir?: string;
}

/** A problem with how a command was called: a missing or unknown flag, a flag without its value. Exit code 2. */
export class UsageError extends IntegrationsError {
  override name = "UsageError";
  readonly exitCode = 2;
  /** The camelCase keys of the required flags found missing (empty when none were), in declaration order. */
  readonly missing: readonly string[];

  constructor(message: string, problems: readonly string[] = [], options?: { cause?: unknown; missing?: readonly string[] }) {
    super(message, problems, options);
    this.missing = options?.missing ?? [];
  }
}

/**
 * A flag value that was given but cannot be used: a raw credential where a secret reference belongs,
 * a malformed reference, a duration or URL that does not parse. Exit code 1.
 */
export class InputError extends IntegrationsError {
  override name = "InputError";
  readonly exitCode = 1;
}

/**
 * A problem with a config file or the block about to be written: malformed YAML (with its line and
 * column), a rule of docs/config-format.md "What the proxy checks when it starts" broken, a name that already exists. Exit code 1.
 */
export class ConfigError extends IntegrationsError {
  override name = "ConfigError";
  readonly exitCode = 1;
}

/**
 * A plugin failed: its `build` threw or returned something that is not a valid block (then `plugin`
 * names it), or installing one failed. Exit code 1.
 */
export class PluginError extends IntegrationsError {
  override name = "PluginError";
  readonly exitCode = 1;
}

/** Reading or writing a file failed (missing parent directory, a directory in the way, no write permission). Exit code 1. */
export class FileError extends IntegrationsError {
  override name = "FileError";
  readonly exitCode = 1;
}

/**
 * Our bug: a state the code should never reach. Printed with a request to report it (the CLI adds
 * where, and `--debug` for the stack). Exit code 1. The entry also reports any error that is not in
 * the family as one of these.
 */
export class InternalError extends IntegrationsError {
  override name = "InternalError";
  readonly exitCode = 1;
}

/** The line an error prints as: a family error's `describe()`, anything else's message. */
export function errorText(error: unknown): string {
  return error instanceof IntegrationsError ? error.describe() : String((error as Error)?.message ?? error);
}
