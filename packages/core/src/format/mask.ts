/**
 * Masking for output: whatever config.yaml holds (written by us or by hand) and whatever was typed,
 * no credential-shaped value is printed in full. Values are shown through `maskSecret` (first 4
 * characters of a long value, `…`, the length); URLs keep everything but their user info and the
 * path segments, query and fragment values that carry credentials.
 */
import { PEM_BLOCK, containsCredential, hasCredentialPrefix, isCredentialParamName, isTokenRun, looksLikeCredential, maskSecret } from "./credentials.js";
import { SECRET_SCHEMES, idLooksLikeCredential } from "./secret-ref.js";

/** Whether one part of a URL (a path segment, a parameter value) is to be hidden. */
function secretPart(part: string): boolean {
  return looksLikeCredential(part) || isTokenRun(part) || containsCredential(decoded(part));
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `k=v&k=v` (a query or a fragment) with credential values replaced by `…` (by the key's name or the value's shape). */
function maskParams(params: string): string {
  if (!params.includes("=")) return secretPart(params) ? "…" : params;
  return params.replace(/(^|[&;])([^=&;]*)=([^&;]*)/g, (all, sep: string, key: string, value: string) => (isCredentialParamName(decoded(key)) || secretPart(value) ? `${sep}${key}=…` : all));
}

/**
 * A URL (or a scheme-less `host/path`) as it may be shown: user info (`https://user:pass@…`), path
 * segments that are credentials (`/services/xoxb-…`), and credential query and fragment values
 * (`?api_key=…`, `#access_token=…`) replaced by `…`.
 * @example maskUrl("https://u:p@x.example.com/v1?page=2&token=abc") // "https://…@x.example.com/v1?page=2&token=…"
 */
export function maskUrl(url: string): string {
  const hash = url.indexOf("#");
  const [beforeHash, fragment] = hash < 0 ? [url, undefined] : [url.slice(0, hash), url.slice(hash + 1)];
  const question = beforeHash.indexOf("?");
  const [beforeQuery, query] = question < 0 ? [beforeHash, undefined] : [beforeHash.slice(0, question), beforeHash.slice(question + 1)];
  const authority = /^([A-Za-z][A-Za-z0-9+.-]*:)?(\/\/)?[^/?#]*/.exec(beforeQuery)![0];
  const shownAuthority = authority.replace(/^([A-Za-z][A-Za-z0-9+.-]*:)?(\/\/)?[^/]*@/, (_, scheme?: string, slashes?: string) => `${scheme ?? ""}${slashes ?? ""}…@`);
  const path = beforeQuery
    .slice(authority.length)
    .split("/")
    .map((segment) => (segment !== "" && secretPart(segment) ? "…" : segment))
    .join("/");
  return `${shownAuthority}${path}${query === undefined ? "" : `?${maskParams(query)}`}${fragment === undefined ? "" : `#${maskParams(fragment)}`}`;
}

/**
 * One value (a YAML scalar, a JSON string without spaces) as it may be shown: a `dangerousLiteral:`
 * value masked; a URL without its credentials; a reference whose id is a token (`env:ghp_…`) masked;
 * a raw credential (`looksLikeCredential`) masked; a run of 32+ hex or base64url characters inside it
 * (`isTokenRun`) masked; anything else unchanged.
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
  return looksLikeCredential(value) ? maskSecret(value) : maskTokenRuns(value);
}

/** Runs of base64url characters, as `isTokenRun` judges them. */
const BASE64URL_RUN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g;

function maskTokenRuns(text: string): string {
  return text.replace(BASE64URL_RUN, (run) => (isTokenRun(run) ? maskSecret(run) : run));
}

/**
 * Each PEM block of a text masked. `keepLines` keeps its line breaks (a diff, YAML text): the first
 * line shows the mask, each further line only its diff marker and indentation and `…`.
 */
function maskPemBlocks(text: string, keepLines: boolean): string {
  return text.replace(PEM_BLOCK, (block) => {
    if (!keepLines) return maskSecret(block);
    const [, ...rest] = block.split("\n");
    return [maskSecret(block), ...rest.map((line) => `${/^[-+ ]?\s*/.exec(line)![0]}…`)].join("\n");
  });
}

/** The runs of a line that can be one scalar: between spaces, quotes and YAML flow punctuation. */
const TOKEN = /[^\s"'[\]{},]+/g;

/**
 * Masks every credential-shaped value in YAML text or a unified diff of it: PEM blocks, and
 * `maskSecretValue` on each scalar-like run of each line, so a `--dry-run` diff or a shown block
 * never prints one in full. A diff's header lines (`--- a/…`, `+++ b/…`, `@@ … @@`) are left alone:
 * they hold paths.
 */
export function maskLiteralsInText(text: string): string {
  return maskPemBlocks(text, true)
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

/** A run of free text (a message, a parser's code frame) that may be a token: from a letter that starts a word to the end of the run (`=` ends it: `token=xoxb-…`). */
const WORD_RUN = /(?<![A-Za-z0-9_-])[A-Za-z][^\s"'[\]{},=]*/g;

/**
 * Masks what can safely be recognised in free text such as an error message or a stack trace: PEM
 * blocks, `dangerousLiteral:` values, URL credentials, well-known tokens (`xoxb-…`, `ghp_…`, JWTs)
 * and runs of 32+ hex or base64url characters (`isTokenRun`). Unlike `maskLiteralsInText` it leaves
 * other high-entropy runs alone, since messages hold paths of temp directories and the like.
 */
export function maskSecretsInMessage(text: string): string {
  return maskTokenRuns(
    maskPemBlocks(text, false)
      .replace(/dangerousLiteral:([^\s"',\]}]+)/g, (_, value: string) => `dangerousLiteral:${maskSecret(value)}`)
      .replace(/\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'<>]+/g, maskUrl)
      .replace(WORD_RUN, (run) => (run.length >= 12 && (hasCredentialPrefix(run) || containsCredential(run)) ? maskSecret(run) : run)),
  );
}
