/**
 * Flag declarations: what a plugin says about the flags its integration takes. The host builds the
 * command-line options, `--help`, prompts and JSON Schema from these plain objects, so a plugin never
 * parses argv itself. camelCase keys become kebab-case flags (`signingSecret` → `--signing-secret`).
 */

/** The value types a flag can have. */
export type FlagType = "string" | "secret" | "url" | "domain" | "duration" | "integer" | "boolean" | "enum";

interface FlagBase {
  /** One line for `--help`, e.g. "secret reference for the bot token". */
  description: string;
  /** The command fails with exit code 2, naming every missing required flag at once, when absent. */
  required?: boolean;
  /** A repeatable flag (`--scope a --scope b`); its value is an array. */
  multiple?: boolean;
}

/**
 * A text flag. `secret` takes a secret reference (`env:NAME`, `vault:path`, … of docs/config-format.md "Secret references")
 * and never a raw credential; `url` an absolute URL; `domain` a host name with or without `https://`
 * (see `normalizeDomain`); `duration` a Go duration string such as `30s` or `1m30s`.
 */
export interface TextFlag extends FlagBase {
  type: "string" | "secret" | "url" | "domain" | "duration";
  default?: string;
}

/** An integer flag (base 10). */
export interface IntegerFlag extends FlagBase {
  type: "integer";
  default?: number;
}

/** A boolean flag: `--flag`, `--flag=true`, `--flag=false`. */
export interface BooleanFlag extends FlagBase {
  type: "boolean";
  default?: boolean;
}

/** One of a fixed list of values. */
export interface EnumFlag<V extends string = string> extends FlagBase {
  type: "enum";
  values: readonly V[];
  default?: V;
}

/** Any flag declaration. */
export type FlagSpec = TextFlag | IntegerFlag | BooleanFlag | EnumFlag;

/** A plugin's flags, keyed by camelCase name. */
export type FlagSpecs = Record<string, FlagSpec>;

type ScalarOf<F> = F extends EnumFlag<infer V> ? V : F extends IntegerFlag ? number : F extends BooleanFlag ? boolean : string;

type ValueOf<F> = F extends { multiple: true } ? ScalarOf<F>[] : ScalarOf<F>;

type IsSet<F> = F extends { required: true } ? true : F extends { default: unknown } ? true : false;

/**
 * The values `build` receives for flag declarations `F`: required flags and flags with a default are
 * always set, the others may be `undefined`. `name` is the host's common `--name` flag (default: the
 * integration's name).
 */
export type FlagValues<F extends FlagSpecs> = {
  [K in keyof F as IsSet<F[K]> extends true ? K : never]: ValueOf<F[K]>;
} & {
  [K in keyof F as IsSet<F[K]> extends true ? never : K]?: ValueOf<F[K]>;
} & { name: string };
