import type { RawFlags } from "./argv.js";
import { flagLabel } from "./names.js";
import type { FlagSpecs } from "./types.js";

/** What a negative value of a common integer flag would mean, and what to write instead. */
const HINTS: Record<string, string> = {
  inRateLimit: "0 means unlimited",
  outRateLimit: "0 means unlimited",
  maxIdleConns: "the proxy refuses a negative count at start-up; give 0 or more",
  maxIdleConnsPerHost: "the proxy refuses a negative count at start-up; give 0 or more",
};

/**
 * The usage problems of negative values given to integer flags (`--in-rate-limit -3`): the proxy
 * reads a negative rate limit as "unlimited" and refuses a negative connection count, so neither is
 * ever what was meant. A plugin's own integer flags count things too: 0 or more.
 */
export function negativeIntegerProblems(raw: RawFlags, specs: FlagSpecs): string[] {
  const problems: string[] = [];
  for (const [key, given] of Object.entries(raw)) {
    if (specs[key]?.type !== "integer") continue;
    for (const one of Array.isArray(given) ? given : [given]) {
      if (typeof one !== "string" || !/^\s*-\d+\s*$/.test(one)) continue;
      problems.push(`${flagLabel(key)}: ${one.trim()} is negative; ${HINTS[key] ?? "give 0 or more"}`);
    }
  }
  return problems;
}
