/**
 * Masking for output: whatever config.yaml holds (written by us or by hand), no credential-shaped
 * value is printed in full. Values are shown through `maskSecret` (first 4 characters of a long
 * value, `…`, the length); URLs keep everything but their user info and credential query values.
 */
import { SECRET_SCHEMES, hasCredentialPrefix, idLooksLikeCredential, looksLikeCredential, maskSecret } from "./secret-ref.js";

/** Query parameter names whose value is a credential (case-insensitive), in destination URLs and elsewhere. */
const CREDENTIAL_PARAM = /^(api[_-]?key|apikey|key|token|access[_-]?token|auth|secret|client[_-]?secret|password|passwd|pwd|sig|signature)$/i;

/** A URL with its user info (`https://user:pass@…`) and credential query values (`?api_key=…`) replaced by `…`. */
function maskUrl(url: string): string {
  return url
    .replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, "$1…@")
    .replace(/([?&])([^=&#]*)=([^&#]*)/g, (all, sep: string, key: string, value: string) =>
      CREDENTIAL_PARAM.test(key) || looksLikeCredential(value) ? `${sep}${key}=…` : all);
}

/**
 * One value (a YAML scalar, a JSON string without spaces) as it may be shown: a `dangerousLiteral:`
 * value masked; a URL without its credentials; a reference whose id is a token (`env:ghp_…`) masked;
 * a raw credential (`looksLikeCredential`) masked; anything else unchanged.
 * @example maskSecretValue("dangerousLiteral:hunter2") // "dangerousLiteral:… (7 chars)"
 * @example maskSecretValue("env:SLACK_TOKEN") // "env:SLACK_TOKEN"
 */
export function maskSecretValue(value: string): string {
  if (value.startsWith("dangerousLiteral:")) return `dangerousLiteral:${maskSecret(value.slice("dangerousLiteral:".length))}`;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return maskUrl(value);
  const colon = value.indexOf(":");
  if (colon > 0 && (SECRET_SCHEMES as readonly string[]).includes(value.slice(0, colon))) {
    // A well-formed reference (an aws: ciphertext is high-entropy by design) is shown unless its id is a token.
    const id = value.slice(colon + 1);
    return idLooksLikeCredential(id, value.slice(0, colon)) ? `${value.slice(0, colon + 1)}${maskSecret(id)}` : value;
  }
  return looksLikeCredential(value) ? maskSecret(value) : value;
}

/** The runs of a line that can be one scalar: between spaces, quotes and YAML flow punctuation. */
const TOKEN = /[^\s"'[\]{},]+/g;

/**
 * Masks every credential-shaped value in YAML text or a unified diff of it (`maskSecretValue` on each
 * scalar-like run of each line), so a `--dry-run` diff or a shown block never prints one in full. A
 * diff's header lines (`--- a/…`, `+++ b/…`, `@@ … @@`) are left alone: they hold paths.
 */
export function maskLiteralsInText(text: string): string {
  return text
    .split("\n")
    .map((line) => (/^(--- |\+\+\+ |@@ )/.test(line) ? line : line.replace(TOKEN, maskSecretValue)))
    .join("\n");
}

/** A deep copy of `value` (parsed YAML, for `--json` output) with every credential-shaped string masked as `maskLiteralsInText` would. */
export function maskLiterals<T>(value: T): T {
  if (typeof value === "string") return maskLiteralsInText(value) as T;
  if (Array.isArray(value)) return value.map(maskLiterals) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskLiterals(v)])) as T;
  }
  return value;
}

/** A run of free text (a message, a parser's code frame) that may be a token: from a letter that starts a word to the end of the run. */
const WORD_RUN = /(?<![A-Za-z0-9_-])[A-Za-z][^\s"'[\]{},]*/g;

/**
 * Masks what can safely be recognised in free text such as an error message: `dangerousLiteral:`
 * values, URL credentials and well-known tokens (`xoxb-…`, `ghp_…`, …). Unlike `maskLiteralsInText`
 * it leaves other high-entropy runs alone, since messages hold paths of temp directories and the like.
 */
export function maskSecretsInMessage(text: string): string {
  return text
    .replace(/dangerousLiteral:([^\s"',\]}]+)/g, (_, value: string) => `dangerousLiteral:${maskSecret(value)}`)
    .replace(/\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'<>]+/g, maskUrl)
    .replace(WORD_RUN, (run) => (run.length >= 12 && hasCredentialPrefix(run) ? maskSecret(run) : run));
}
