/**
 * The error classes core throws. Core never prints and never exits: the CLI maps these to a message
 * on stderr and an exit code (UsageError → 2, the others → 1).
 */

/** A problem with how a command was called: a missing or unknown flag, a malformed flag value. Exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * A problem with a config file or the block about to be written: malformed YAML, a rule of
 * config-format.md §2 broken, a name that already exists. `problems` lists every problem found, each
 * prefixed with its dotted path (`integrations[2].destination: …`) and, when known, its line.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Reading or writing a file failed (missing parent directory, a directory in the way, no write permission). */
export class FileError extends Error {
  override name = "FileError";
}

/**
 * A flag value that was given but cannot be used: a raw credential where a secret reference belongs,
 * a malformed reference, a duration or URL that does not parse. `problems` holds one line per flag,
 * each naming the flag. Exit code 1.
 */
export class InputError extends Error {
  override name = "InputError";
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

/** A plugin failed: its `build` threw or returned something that is not a valid block. Exit code 1. */
export class PluginError extends Error {
  override name = "PluginError";
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
