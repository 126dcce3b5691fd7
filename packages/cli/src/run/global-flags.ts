import { UsageError } from "@integrations/core/base";

/** The flags that may stand anywhere on the line, before or after the integration name. */
export interface GlobalFlags {
  /** `-file`/`--file PATH` (also `=PATH`), when given. */
  file?: string;
  /** `-plugin`/`--plugin <path|package>` (also `=value`), repeatable, in order. */
  plugins: string[];
  /** `--debug`: print stack traces. */
  debug: boolean;
  /** `--quiet`: no success messages, no warnings. */
  quiet: boolean;
  /** `--no-plugins`: built-in plugins only (see `Run.pluginsOff`). */
  noPlugins: boolean;
  /** argv without the global flags. */
  rest: string[];
}

/**
 * Takes `-file`/`--file`, `-plugin`/`--plugin` (repeatable), `--debug`, `--quiet` and `--no-plugins` out of argv wherever they
 * stand (before a `--`), so the README's `integrations slack -file config.yaml …` and
 * `integrations --file config.yaml slack …` both work, and `--plugin ./dir` may follow the integration.
 *
 * @returns the flags and what is left.
 * @throws UsageError when `--file` or `--plugin` has no value.
 */
export function takeGlobalFlags(argv: readonly string[]): GlobalFlags {
  const rest: string[] = [];
  const plugins: string[] = [];
  let file: string | undefined;
  let debug = false;
  let quiet = false;
  let noPlugins = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    const inline = /^--?file=(.*)$/s.exec(arg);
    if (inline) file = inline[1];
    else if (arg === "-file" || arg === "--file") {
      if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a path, e.g. ${arg} config.yaml`);
      file = argv[++i];
    } else if (/^--?plugin(=|$)/.test(arg)) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (!value) throw new UsageError(`${arg.replace(/=.*$/s, "")} needs a plugin directory or package name, e.g. --plugin ./my-plugin`);
      plugins.push(value);
    } else if (arg === "--debug" || arg === "-debug") debug = true;
    else if (arg === "--quiet" || arg === "-quiet") quiet = true;
    else if (arg === "--no-plugins" || arg === "-no-plugins") noPlugins = true;
    else rest.push(arg);
  }
  return { ...(file !== undefined ? { file } : {}), plugins, debug, quiet, noPlugins, rest };
}

/** Takes boolean flags (`--json`, `-json`) out of argv; returns which were present and the rest. */
export function takeSwitches<K extends string>(argv: readonly string[], names: readonly K[]): { on: Set<K>; rest: string[] } {
  const on = new Set<K>();
  const rest: string[] = [];
  let done = false;
  for (const arg of argv) {
    const name = arg.replace(/^--?/, "") as K;
    if (!done && arg.startsWith("-") && names.includes(name)) on.add(name);
    else rest.push(arg);
    if (arg === "--") done = true;
  }
  return { on, rest };
}
