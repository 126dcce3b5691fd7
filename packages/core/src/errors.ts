/**
 * The error classes core throws. Core never prints and never exits: the CLI maps these to one line on
 * stderr and an exit code (UsageError → 2, the others → 1). `problems` lists every problem found,
 * one line each, naming its flag or its dotted path (`integrations[2].destination: …`).
 */
abstract class ProblemsError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A problem with how a command was called: a missing or unknown flag, a flag without its value. Exit code 2. */
export class UsageError extends ProblemsError {
  override name = "UsageError";
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
export class InputError extends ProblemsError {
  override name = "InputError";
}

/**
 * A problem with a config file or the block about to be written: malformed YAML (with its line and
 * column), a rule of docs/config-format.md "What the proxy checks when it starts" broken, a name that already exists. Exit code 1.
 */
export class ConfigError extends ProblemsError {
  override name = "ConfigError";
}

/** A plugin failed: its `build` threw or returned something that is not a valid block. Exit code 1. */
export class PluginError extends ProblemsError {
  override name = "PluginError";
}

/** Reading or writing a file failed (missing parent directory, a directory in the way, no write permission). Exit code 1. */
export class FileError extends Error {
  override name = "FileError";
}
