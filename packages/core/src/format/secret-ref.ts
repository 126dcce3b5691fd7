/**
 * Secret references (`<scheme>:<id>`, docs/config-format.md "Secret references"): the only way a credential may appear in
 * config.yaml. Every message here shows a suspect value only through `maskSecret`.
 */
import { hasCredentialPrefix, looksLikeCredential, maskSecret, referenceFor } from "./credentials.js";

/** The schemes the proxy resolves, exactly as written (case-sensitive; note `dangerousLiteral`). */
export const SECRET_SCHEMES = ["env", "file", "vault", "k8s", "aws", "gcp", "azure", "keychain", "secretservice", "wincred", "dangerousLiteral"] as const;

export type SecretScheme = (typeof SECRET_SCHEMES)[number];

const BASE64 = "(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?";

/** Id syntax per scheme: the test, how to describe it, and an example reference. */
const ID_RULES: Record<SecretScheme, { test: (id: string) => boolean; syntax: string; example: string }> = {
  env: { test: (id) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(id), syntax: "an environment variable name (letters, digits and _, not starting with a digit)", example: "env:SLACK_TOKEN" },
  file: { test: (id) => (id.lastIndexOf(":") < 0 ? id !== "" : id.lastIndexOf(":") > 0 && !id.endsWith(":")), syntax: "PATH or PATH:KEY, both non-empty", example: "file:/etc/secrets/slack" },
  vault: { test: (id) => /^\S+$/.test(id), syntax: "a Vault secret path without whitespace", example: "vault:secret/data/slack" },
  k8s: { test: (id) => /^[^/#]+\/[^/#]+#.+$/.test(id), syntax: "NAMESPACE/NAME#KEY, all three non-empty", example: "k8s:default/slack#token" },
  aws: { test: (id) => id !== "" && new RegExp(`^${BASE64}$`).test(id), syntax: "standard base64 (nonce followed by AES-GCM ciphertext)", example: "aws:Ci0KU29tZQ==" },
  gcp: {
    test: (id) => new RegExp(`^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/:]+:(?=.)${BASE64}$`).test(id),
    syntax: "projects/P/locations/L/keyRings/R/cryptoKeys/K:BASE64_CIPHERTEXT",
    example: "gcp:projects/p/locations/l/keyRings/r/cryptoKeys/k:Q2lwaGVy",
  },
  azure: {
    test: (id) => /^https:\/\/[A-Za-z0-9.-]+(:\d+)?\/secrets\/[^/?#\s]+(\/[^/?#\s]+)?$/.test(id),
    syntax: "an https Key Vault secret URL https://<vault>.vault.azure.net/secrets/<name>[/<version>] without a query",
    example: "azure:https://kv.vault.azure.net/secrets/slack",
  },
  keychain: { test: (id) => /^[^#]+(#[^#]+)?$/.test(id), syntax: "SERVICE or SERVICE#ACCOUNT", example: "keychain:slack#bot" },
  secretservice: { test: (id) => /^[^=,]+=[^=,]+(,[^=,]+=[^=,]+)*$/.test(id), syntax: "k=v[,k=v…], both sides non-empty", example: "secretservice:service=slack,user=bot" },
  wincred: { test: (id) => /^[^#]+(#(raw|utf8|utf16le))?$/.test(id), syntax: "TARGET or TARGET#raw|utf8|utf16le", example: "wincred:slack#utf8" },
  dangerousLiteral: { test: (id) => id !== "", syntax: "a non-empty literal value", example: "dangerousLiteral:__PLACEHOLDER__" },
};

/**
 * How the id of a secret reference scheme is written, for prompts and help: a description and an
 * example reference.
 * @example secretIdSyntax("k8s") // { syntax: "NAMESPACE/NAME#KEY, all three non-empty", example: "k8s:default/slack#token" }
 */
export function secretIdSyntax(scheme: SecretScheme): { syntax: string; example: string } {
  const { syntax, example } = ID_RULES[scheme];
  return { syntax, example };
}

/**
 * Whether the id of a reference (`env:<id>`, `vault:<id>`) is itself a credential: a well-known token
 * prefix and at least 20 characters (`env:ghp_x` stays a plausible variable name; a real token is
 * longer), or, for `env`, a `looksLikeCredential` string mixing lower case, upper case and digits
 * (variable names are not random). Other schemes' ids (an `aws:` ciphertext) may be random by design.
 */
export function idLooksLikeCredential(id: string, scheme?: string): boolean {
  if (id.length >= 20 && hasCredentialPrefix(id)) return true;
  return scheme === "env" && looksLikeCredential(id) && [/[a-z]/, /[A-Z]/, /[0-9]/].every((c) => c.test(id));
}

/** The candidate closest to `word` (case-insensitive edit distance ≤ 1 for short words, ≤ 2 otherwise). */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const a = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = a.length <= 3 ? 2 : 3;
  for (const candidate of candidates) {
    const b = candidate.toLowerCase();
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) {
        next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      row = next;
    }
    if (row[b.length]! < bestDistance) [best, bestDistance] = [candidate, row[b.length]!];
  }
  return best;
}

/**
 * Check a secret reference: a known scheme and an id in that scheme's syntax (docs/config-format.md "Secret references").
 *
 * A value without a scheme is refused as "not a secret reference" (or, when `looksLikeCredential`,
 * as a raw credential), and so is a reference whose id is a token (`env:ghp_…`, see
 * `idLooksLikeCredential`). Values and invalid ids are shown only through `maskSecret`. `dangerousLiteral:` is refused unless
 * `allowDangerousLiteral`. `suggestion` (e.g. `env:SLACK_TOKEN`) is the reference the message proposes.
 *
 * @returns `undefined` when valid, else a problem text without a path prefix.
 */
export function checkSecretRef(value: string, options: { allowDangerousLiteral?: boolean; suggestion?: string } = {}): string | undefined {
  const colon = value.indexOf(":");
  const scheme = colon < 0 ? "" : value.slice(0, colon);
  const id = value.slice(colon + 1);
  const vendor = referenceFor(value) ?? referenceFor(id);
  const useInstead = `; use a secret reference such as ${options.suggestion ?? vendor ?? "env:SECRET_NAME"}`;

  if (value === "") return `is empty${useInstead}`;
  if ((SECRET_SCHEMES as readonly string[]).includes(scheme)) {
    const rule = ID_RULES[scheme as SecretScheme];
    if (scheme === "dangerousLiteral" && id !== "" && !options.allowDangerousLiteral) {
      return `dangerousLiteral: puts the credential in plain text in config.yaml and is refused unless allowed with --allow-dangerous-literal${useInstead}`;
    }
    if (rule.test(id)) {
      return scheme !== "dangerousLiteral" && idLooksLikeCredential(id, scheme)
        ? `the ${scheme} id looks like the credential itself (${maskSecret(id)}), not its name or location${useInstead}`
        : undefined;
    }
    // An id that fails its syntax may be the credential itself (`env:<token>`): show it masked.
    const got = id === "" ? "an empty id" : maskSecret(id);
    return `invalid ${scheme} reference: expected ${rule.syntax}, e.g. ${rule.example}; got ${got}`;
  }
  if (looksLikeCredential(value)) {
    return `looks like a raw credential (${maskSecret(value)}), not a secret reference${useInstead}`;
  }
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,19}$/.test(scheme)) {
    return `is not a secret reference (${maskSecret(value)}): it needs the form <scheme>:<id>${useInstead}`;
  }
  const near = closestMatch(scheme, SECRET_SCHEMES);
  const known = `known schemes (case-sensitive): ${SECRET_SCHEMES.join(", ")}`;
  return near === undefined
    ? `is not a secret reference (${maskSecret(value)}): the text before ":" must be a scheme; ${known}${useInstead}`
    : `unknown secret reference scheme "${scheme}" (did you mean "${near}"?); ${known}`;
}
