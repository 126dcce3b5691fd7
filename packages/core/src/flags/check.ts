import { containsCredential, maskSecret } from "../format/credentials.js";
import { checkDestination } from "../format/destination.js";
import { parseGoDuration } from "../format/duration.js";
import { checkName, HEADER_NAME } from "../format/schema.js";
import { checkSecretRef } from "../format/secret-ref.js";
import type { FlagSpec } from "./types.js";
import { flagLabel, suggestedReference } from "./names.js";

/** Options for checking flag values. */
export interface CheckOptions {
  /** The integration the flags belong to, for suggested references (`env:SLACK_TOKEN`). */
  integration: string;
  /** Accept `dangerousLiteral:` secret references (`--allow-dangerous-literal`). */
  allowDangerousLiteral?: boolean;
  /** The command's flags besides the integration's (`json`, `dry-run`), suggested for a mistyped flag. */
  switches?: readonly string[];
}

/** The typed value of one flag, or the problem with it (naming the flag, never echoing a secret). */
export type Checked = { value: unknown } | { problem: string };

/** Checks of particular common flags beyond their type. */
const EXTRA_CHECKS: Record<string, (text: string) => string | undefined> = {
  name: checkName,
  incomingHeader: (text) =>
    containsCredential(text)
      ? `looks like a credential (${maskSecret(text)}), not a header name; give the token as --incoming-token env:TOKEN and the header like X-Auth`
      : HEADER_NAME.test(text)
        ? undefined
        : `"${text}" is not an HTTP header name; write it like X-Auth`,
};

/**
 * Turns one raw value into its typed value per the flag's declaration: integers parsed, enums and
 * Go durations checked, URLs checked with the destination rules, secret references checked with each
 * scheme's id syntax. `key` is the flag's camelCase key.
 */
export function checkFlagValue(key: string, spec: FlagSpec, raw: string | boolean, options: CheckOptions): Checked {
  const label = flagLabel(key);
  if (spec.type === "boolean") return { value: raw === true || raw === "true" };
  const text = String(raw);
  switch (spec.type) {
    case "integer":
      return /^[-+]?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? { value: Number(text) } : { problem: `${label}: "${text}" is not a whole number` };
    case "enum":
      return spec.values.includes(text) ? { value: text } : { problem: `${label}: "${text}" is not one of ${spec.values.join(", ")}` };
    case "duration":
      return parseGoDuration(text) !== undefined ? { value: text } : { problem: `${label}: "${text}" is not a Go duration; write it like 30s, 1m, 1h30m or 500ms` };
    case "url": {
      const problem = checkDestination(text);
      return problem ? { problem: `${label}: ${problem}` } : { value: text };
    }
    case "secret": {
      const problem = checkSecretRef(text, {
        allowDangerousLiteral: options.allowDangerousLiteral ?? false,
        suggestion: suggestedReference(options.integration, key),
      });
      return problem ? { problem: `${label}: ${problem}` } : { value: text };
    }
    case "domain":
      return /^(https?:\/\/)?[^\s/?#]+\/?$/.test(text) ? { value: text } : { problem: `${label}: "${text}" is not a host name; write it like acme.example.com` };
    default: {
      const problem = text === "" ? "must not be empty" : EXTRA_CHECKS[key]?.(text);
      return problem ? { problem: `${label}: ${problem}` } : { value: text };
    }
  }
}
