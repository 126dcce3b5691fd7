import validateName from "validate-npm-package-name";
import { ConfigError } from "@integrations/core/base";

/** A whole scope in `trust`: `@acme/*`. */
const SCOPE_ENTRY = /^(@[^/]+)\/\*$/;

/**
 * Checks the CLI config's `trust` entries: each must be a package name npm accepts
 * (`validate-npm-package-name`, old names included: a trusted package may be an old one) or a whole
 * scope (`@acme/*`). Anything else (a pattern such as `integrations-plugin-*`, a bare `@acme`, a
 * path) would match nothing, and a trust that silently matches nothing is a setting ignored.
 *
 * @throws ConfigError naming the file, the key, the entry and the fix.
 */
export function checkTrustEntries(entries: readonly string[], filepath: string): void {
  for (const entry of entries) {
    const problem = entryProblem(entry);
    if (problem) {
      throw new ConfigError(
        `${filepath}: "trust" entry ${JSON.stringify(entry)} ${problem}; write a package name (integrations-plugin-demo, @acme/integrations-plugin-demo) or a whole scope ("@acme/*")`,
      );
    }
  }
}

function entryProblem(entry: string): string | undefined {
  const scope = SCOPE_ENTRY.exec(entry)?.[1];
  if (scope !== undefined) return validateName(`${scope}/x`).validForNewPackages ? undefined : `is not a scope npm accepts`;
  if (/^@[^/]+$/.test(entry)) return `is a scope without a package: the whole scope is "${entry}/*"`;
  if (entry.includes("*")) return `is a pattern: only a whole scope ("@acme/*") may end in *`;
  const { validForOldPackages, errors = [] } = validateName(entry);
  return validForOldPackages ? undefined : `is not a package name npm accepts (${errors.join("; ")})`;
}
