import { parseArgs } from "node:util";
import type { FlagSpecs } from "./types.js";
import { closestNames, didYouMean } from "../text/closest.js";
import { looksLikeCredential, maskSecret } from "../format/credentials.js";
import { toCamelCase, toKebabCase } from "./names.js";

/** Raw flag values as typed: strings (or string arrays for repeatable flags) and booleans, by camelCase key. */
export type RawFlags = Record<string, string | boolean | (string | boolean)[]>;

/** What `readArgv` found: the values, and every usage problem (unknown flag, missing value, stray argument). */
export interface ArgvResult {
  raw: RawFlags;
  problems: string[];
}

/**
 * Rewrites Go-style single-dash long flags (`-token x`, `-signing-secret=x`) to `--token x`, and
 * boolean `--flag=false` / `--flag=true` to `--no-flag` / `--flag`, so that `node:util` parseArgs
 * reads them. Single-letter flags (`-h`) and everything after `--` are left alone.
 */
export function normalizeArgv(argv: readonly string[], specs: FlagSpecs): string[] {
  const out: string[] = [];
  let rest = false;
  let skip = false;
  argv.forEach((arg, i) => {
    if (skip) {
      skip = false;
      return;
    }
    if (rest || arg === "--") {
      rest = true;
      out.push(arg);
      return;
    }
    let token = isLongFlag(arg) ? `-${arg}` : arg;
    const bool = /^--([a-z0-9-]+)=(true|false)$/i.exec(token);
    if (bool && specs[toCamelCase(bool[1]!)]?.type === "boolean") {
      token = bool[2]!.toLowerCase() === "true" ? `--${bool[1]}` : `--no-${bool[1]}`;
    }
    // `-token -signing-secret env:S`: the token's value is missing, not `-signing-secret`; but
    // `-token "-----BEGIN …"` is its value, one that is no flag (and is refused as a credential).
    const spec = /^--([a-z0-9-]+)$/.exec(token) ? specs[toCamelCase(token.slice(2))] : undefined;
    const next = argv[i + 1];
    if (spec && spec.type !== "boolean" && next?.startsWith("-") && next !== "--") {
      if (!isFlagShaped(next)) {
        out.push(`${token}=${next}`);
        skip = true;
        return;
      }
      if (isLongFlag(next) || next.startsWith("--")) token = `${token}=`;
    }
    out.push(token);
  });
  return out;
}

/** An argument that can be a flag: dashes, a name of letters, digits and dashes, maybe `=value` (`-h`, `--token=x`, `-5` is not). */
function isFlagShaped(arg: string): boolean {
  return /^--?[A-Za-z][A-Za-z0-9-]*(=.*)?$/s.test(arg);
}

/**
 * An argument as a message may name it: itself when it is flag-shaped and short, else masked
 * (`----… (1704 chars)`): a stray argument starting with `-` may be a credential (a PEM block).
 */
function shownArgument(arg: string): string {
  const name = arg.replace(/=.*$/s, "");
  return isFlagShaped(name) && name.length <= 40 && !looksLikeCredential(name.replace(/^-+/, "")) ? name : maskSecret(arg);
}

/** A Go-style single-dash long flag: `-token`, `-signing-secret=x` (not `-h`, not `-5`). */
function isLongFlag(arg: string): boolean {
  return /^-[a-zA-Z][a-zA-Z0-9-]+(=.*)?$/s.test(arg);
}

/**
 * `unknown flag --tokn (did you mean --token?)`: the suggestions are declared flag names (and
 * `switches`, the command's other flags), never anything typed; a masked argument gets none.
 */
function unknownFlag(arg: string, known: readonly string[]): string {
  const shown = shownArgument(arg);
  const typed = /^--?([A-Za-z][A-Za-z0-9-]*)$/.exec(shown)?.[1];
  const close = typed ? closestNames(typed, known).map((name) => `--${name}`) : [];
  return `unknown flag ${shown}${didYouMean(close)}`;
}

/**
 * Reads integration flags from argv against their declarations, without judging values. Collects
 * every problem instead of stopping at the first; never puts a flag's value in a problem text.
 * `switches` are the command's other flags (`json`, `dry-run`), named only in suggestions.
 */
export function readArgv(argv: readonly string[], specs: FlagSpecs, switches: readonly string[] = []): ArgvResult {
  const options = Object.fromEntries(
    Object.entries(specs).map(([key, spec]) => [toKebabCase(key), { type: spec.type === "boolean" ? ("boolean" as const) : ("string" as const), multiple: spec.multiple ?? false }]),
  );
  const args = normalizeArgv(argv, specs);
  const { tokens } = parseArgs({
    args,
    options,
    strict: false,
    allowPositionals: true,
    allowNegative: true,
    tokens: true,
  });
  const raw: RawFlags = {};
  const problems: string[] = [];
  let afterUnknown = false;
  for (const token of tokens) {
    if (token.kind === "positional") {
      // The value of an unknown flag (`--tokne env:X`) is not a second problem.
      if (!afterUnknown) problems.push(`unexpected argument at position ${token.index + 1}; flags take the form --flag value`);
      afterUnknown = false;
      continue;
    }
    afterUnknown = false;
    if (token.kind !== "option") continue;
    const negated = token.rawName.startsWith("--no-") && !(token.rawName.slice(2) in options);
    const flag = negated ? token.rawName.slice(5) : token.name;
    const key = toCamelCase(flag);
    const spec = specs[key];
    if (!spec || toKebabCase(key) !== flag || (negated && spec.type !== "boolean")) {
      problems.push(unknownFlag(args[token.index] ?? token.rawName, [...Object.keys(options), ...switches]));
      afterUnknown = token.inlineValue !== true;
      continue;
    }
    let value: string | boolean;
    if (spec.type === "boolean") {
      if (token.value !== undefined) {
        problems.push(`--${flag} takes no value; write --${flag} or --${flag}=false`);
        continue;
      }
      value = !negated;
    } else if (token.value === undefined || token.value === "") {
      problems.push(`--${flag} needs a value`);
      continue;
    } else {
      value = token.value;
    }
    if (spec.multiple) {
      const list = raw[key];
      raw[key] = Array.isArray(list) ? [...list, value] : [value];
    } else {
      raw[key] = value;
    }
  }
  return { raw, problems };
}
