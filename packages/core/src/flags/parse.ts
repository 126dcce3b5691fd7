import { closestNames, didYouMean } from "../text/closest.js";
import { InputError, UsageError } from "../errors.js";
import { COMMON_FLAGS } from "./common.js";
import { checkFlagValue, type CheckOptions } from "./check.js";
import { readArgv, type RawFlags } from "./argv.js";
import { flagLabel } from "./names.js";
import { negativeIntegerProblems } from "./negative.js";
import type { FlagSpecs } from "./types.js";

/** Flag values by camelCase key: the plugin's own flags and the common flags, typed and checked. */
export type FlagValueMap = Record<string, unknown>;

/**
 * Parses an integration command's argv (`-token env:X`, `--signing-secret=env:Y`, `--name x`, …)
 * against the plugin's flag declarations plus the common flags, and returns the typed values with
 * defaults applied (`name` defaults to the integration).
 *
 * @throws UsageError (exit 2) naming every unknown flag, missing value, missing required flag and
 *   negative integer at once;
 *   its `problems` lists them and its `missing` holds the keys of the missing required flags.
 * @throws InputError (exit 1) naming every flag whose value is unusable; secret values are never echoed.
 */
export function parseIntegrationArgv(argv: readonly string[], specs: FlagSpecs, options: CheckOptions): FlagValueMap {
  const all = { ...specs, ...COMMON_FLAGS };
  const { raw, problems } = readArgv(argv, all, options.switches);
  return finish(raw, all, options, problems);
}

/**
 * Like `parseIntegrationArgv`, for values given as an object (camelCase keys; numbers and booleans
 * allowed), as the SDK's testing helper and interactive prompts provide them.
 *
 * @throws UsageError for unknown keys and missing required flags; InputError for unusable values.
 */
export function checkIntegrationFlags(given: Record<string, unknown>, specs: FlagSpecs, options: CheckOptions): FlagValueMap {
  const all = { ...specs, ...COMMON_FLAGS };
  const raw: RawFlags = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!(key in all)) problems.push(`unknown flag ${flagLabel(key)}${didYouMean(closestNames(key, Object.keys(all)).map(flagLabel))}`);
    else raw[key] = Array.isArray(value) ? value.map(toRaw) : toRaw(value);
  }
  return finish(raw, all, options, problems);
}

function toRaw(value: unknown): string | boolean {
  return typeof value === "boolean" ? value : String(value);
}

function finish(raw: RawFlags, specs: FlagSpecs, options: CheckOptions, problems: string[]): FlagValueMap {
  const missing = Object.entries(specs)
    .filter(([key, spec]) => spec.required && raw[key] === undefined)
    .map(([key]) => key)
    .filter((key) => !problems.some((problem) => problem.startsWith(`${flagLabel(key)} `))); // already said: "needs a value"
  if (missing.length > 0) {
    problems.push(`missing required ${missing.length === 1 ? "flag" : "flags"} ${missing.map(flagLabel).join(", ")}`);
  }
  problems.push(...negativeIntegerProblems(raw, specs));
  if (raw.incomingHeader !== undefined && raw.incomingToken === undefined) {
    problems.push("--incoming-header needs --incoming-token");
  }
  if (problems.length > 0) {
    throw new UsageError(`${problems.join("; ")} (see: integrations ${options.integration} --help)`, problems, { missing });
  }
  const values: FlagValueMap = {};
  const invalid: string[] = [];
  for (const [key, spec] of Object.entries(specs)) {
    const given = raw[key];
    if (given === undefined) {
      values[key] = key === "name" ? options.integration : spec.default;
      continue;
    }
    const checked = (Array.isArray(given) ? given : [given]).map((one) => checkFlagValue(key, spec, one, options));
    for (const result of checked) if ("problem" in result) invalid.push(result.problem);
    const typed = checked.map((result) => ("value" in result ? result.value : undefined));
    values[key] = spec.multiple ? typed : typed[0];
  }
  if (invalid.length > 0) throw new InputError(invalid.join("; "), invalid);
  return values;
}
