import { checkIntegrationFlags, parseIntegrationArgv, type CheckOptions, type FlagSpecs, type FlagValueMap } from "@integrations/core";
import { askForFlags } from "./ask-flags.js";
import type { PromptIo } from "./interactive.js";

/**
 * Completes an integration command whose only usage problem is missing required flags (see
 * `onlyMissingFlags`): reads the flags that were given, so that a bad value fails before any question;
 * asks for each missing one; and checks the merged set with `checkIntegrationFlags`, as
 * `parseIntegrationArgv` would have checked a complete command line.
 *
 * @returns the checked values, or `undefined` when the user cancelled.
 * @throws UsageError or InputError, as the flag parser does.
 */
export async function completeFlags(argv: readonly string[], specs: FlagSpecs, missing: readonly string[], options: CheckOptions, io: PromptIo): Promise<FlagValueMap | undefined> {
  const relaxed: FlagSpecs = Object.fromEntries(Object.entries(specs).map(([key, spec]) => [key, missing.includes(key) ? { ...spec, required: false } : spec]));
  const given = parseIntegrationArgv(argv, relaxed, options);
  const prompts = await import("@clack/prompts");
  const count = missing.length === 1 ? "a required flag is" : `${missing.length} required flags are`;
  prompts.intro(`integrations ${options.integration}: ${count} missing; answer to fill in (Ctrl-C to stop)`, { output: io.output });
  const answers = await io.ctrlC.watching(() => askForFlags(missing, specs, options, io.output));
  if (!answers) {
    if (!io.ctrlC.pressed) prompts.cancel("Nothing was written.", { output: io.output }); // Ctrl-C gets the run's stop line instead
    return undefined;
  }
  return checkIntegrationFlags({ ...given, ...answers }, specs, options);
}
