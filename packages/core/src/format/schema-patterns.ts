/**
 * JSON Schema `pattern`s for the string rules that schema.ts checks in code (names, destinations, Go
 * durations, secret references, header names), so that editors can flag mistakes too. Each pattern is
 * a necessary condition of its check: everything the check accepts matches (json-schema.test.ts
 * holds them to that); a few things the check refuses (an overflowing duration, a bad gcp id) match
 * anyway, and the descriptions say the rest. Written for JSON Schema's ECMA-262 regexes (ajv, yaml-language-server).
 */
import { SECRET_SCHEMES } from "./secret-ref.js";

/** An HTTP header name, RFC 9110 `token`: one or more of these characters. */
const TOKEN_CHAR = "[!#$%&'*+.^_`|~0-9A-Za-z-]";

/** A required header param: `Authorization`, `X-Auth`. */
export const HEADER_NAME_PATTERN = `^${TOKEN_CHAR}+$`;

/** An optional header param: a header name, or empty. */
export const OPTIONAL_HEADER_NAME_PATTERN = `^${TOKEN_CHAR}*$`;

/**
 * `destination`: a scheme, `://`, and a non-empty host part without user info, spaces or control
 * characters; the rest (path, query) is not constrained here.
 */
export const DESTINATION_PATTERN = "^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@ \\u0000-\\u001F\\u007F]+(?:[/?#]|$)";

/** One `<decimal><unit>` pair of a Go duration. */
const GO_DURATION = "(?:0|(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+)";

/** A Go duration greater than 0 (`rate_limit_window`): no minus sign, some non-zero digit. */
export const POSITIVE_DURATION_PATTERN = `^\\+?(?=[^1-9]*[1-9])${GO_DURATION}$`;

/** A Go duration of 0 or more (the timeouts): a minus sign only before zeros (`-0s`). */
export const NON_NEGATIVE_DURATION_PATTERN = `^(?!-[^1-9]*[1-9])[-+]?${GO_DURATION}$`;

/**
 * A secret reference: a known scheme (case-sensitive) and a non-empty id; the id syntax is spelled
 * out for `env`, `vault` and `k8s`, the schemes people type by hand most.
 */
export function secretRefPattern(allowDangerousLiteral: boolean): string {
  const rest = SECRET_SCHEMES.filter((s) => !["env", "vault", "k8s"].includes(s) && (allowDangerousLiteral || s !== "dangerousLiteral"));
  return `^(?:env:[A-Za-z_][A-Za-z0-9_]*$|vault:\\S+$|k8s:[^/#]+/[^/#]+#.|(?:${rest.join("|")}):[\\s\\S])`;
}
