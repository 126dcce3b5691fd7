/**
 * Recognisers of credentials, shared by refusal (the schema, destinations, secret references, flag
 * values) and masking (mask.ts). Refusal rests on form only: a PEM block, a JWT, a well-known vendor
 * token (`isCredential`, `containsCredential`), never on entropy alone, so tenant ids, UUIDs and git
 * SHAs stay usable. Masking adds the looser `looksLikeCredential` and `isTokenRun`.
 */

/** The start of a PEM block: `-----BEGIN RSA PRIVATE KEY-----`. */
const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]+-----/;

/**
 * A whole PEM block as it may appear in text: its body (base64, its headers, line breaks, the `\n`
 * of a quoted YAML scalar) up to `-----END …-----`, or up to the first character a body cannot hold.
 */
export const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\sA-Za-z0-9+/=:,\\-]*?(?:-----END [A-Z0-9 ]+-----|(?=[^\sA-Za-z0-9+/=:,\\-]|$))/g;

/**
 * Well-known credential shapes, each with the reference to suggest in its place. A `form` is a
 * credential whatever follows (a PEM block, a JWT); a vendor prefix only with a random-looking body
 * or in the vendor's own `layout` (Slack's numeric ids, GitHub's 36 characters), whose random part
 * may by chance hold no digit or be all lower case.
 */
const CREDENTIAL_SHAPES: readonly { shape: RegExp; suggestion: string; form?: true; layout?: RegExp }[] = [
  { shape: /^\s*-----BEGIN [A-Z0-9 ]+-----/, suggestion: "file:/etc/secrets/key.pem", form: true },
  { shape: /^eyJ[\w-]+\.eyJ[\w-]+\./, suggestion: "env:JWT", form: true },
  { shape: /^(xox[abposr]|xapp)-/, layout: /^(xox[abposr]|xapp)-\d+-[A-Za-z0-9]/, suggestion: "env:SLACK_TOKEN" },
  { shape: /^(ghp_|gho_|ghs_|ghu_|ghr_|github_pat_)/, layout: /^(gh[opsur]_[A-Za-z0-9]{30,}|github_pat_\w{30,})/, suggestion: "env:GITHUB_TOKEN" },
  { shape: /^(sk_live_|rk_live_|sk_test_|rk_test_|whsec_)/, layout: /^([sr]k_(live|test)|whsec)_[A-Za-z0-9]{16,}/, suggestion: "env:STRIPE_SECRET_KEY" },
  { shape: /^sk-/, layout: /^sk-((proj|svcacct|admin)-)?[A-Za-z0-9]{32,}/, suggestion: "env:OPENAI_API_KEY" },
  { shape: /^glpat-/, layout: /^glpat-[\w-]{20,}/, suggestion: "env:GITLAB_TOKEN" },
  { shape: /^(AKIA|ASIA)[0-9A-Z]{12,}/, layout: /^(AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])/, suggestion: "env:AWS_ACCESS_KEY_ID" },
  { shape: /^SG\./, layout: /^SG\.[\w-]{16,}\.[\w-]{16,}/, suggestion: "env:SENDGRID_API_KEY" },
];

/**
 * Whether a value starts like a well-known credential (a PEM block, a JWT, Slack `xoxb-`/`xapp-`,
 * GitHub `ghp_`, Stripe `sk_live_`, OpenAI `sk-`, GitLab `glpat-`, AWS `AKIA…`, SendGrid `SG.`),
 * whatever its length.
 */
export function hasCredentialPrefix(value: string): boolean {
  return CREDENTIAL_SHAPES.some(({ shape }) => shape.test(value));
}

/** The reference to suggest instead of `value` when it starts like a well-known credential. */
export function referenceFor(value: string): string | undefined {
  return CREDENTIAL_SHAPES.find(({ shape }) => shape.test(value))?.suggestion;
}

/**
 * Whether one word is a credential by its form: a PEM block, a JWT, or a vendor prefix in the
 * vendor's layout (`xoxb-<digits>-…`) or whose body looks random (a part of 16+ characters, between
 * `-`, `_` and `.`, mixing letters and digits), so that `sk-prod-integration` and `xoxb-test` stay
 * names and `sk-…` with 48 random characters does not.
 */
export function isCredential(word: string): boolean {
  const match = CREDENTIAL_SHAPES.find(({ shape }) => shape.test(word));
  if (!match) return false;
  if (match.form === true || match.layout?.test(word) === true) return true;
  return word.split(/[-_.]/).some((part) => part.length >= 16 && /[0-9]/.test(part) && /[A-Za-z]/.test(part));
}

/**
 * Whether a text (a header name, a prefix, a URL's path segment or parameter) holds a credential:
 * a PEM block anywhere, or a word that `isCredential` or has one glued on after a `_ . ~ + -`
 * (`Bearer xoxb-…`, `token=ghp_…`, `Bearer_xoxb-…`).
 */
export function containsCredential(text: string): boolean {
  return PEM_BEGIN.test(text) || text.split(/[^A-Za-z0-9._~+-]+/).some((word) => isCredential(word) || hasGluedCredential(word));
}

/**
 * How much of the text after a separator `hasGluedCredential` checks: every vendor layout in
 * CREDENTIAL_SHAPES fits, and so do a JWT's header and payload unless they are longer than this.
 * Without a bound, a word of n separators would cost n² (each check reads on to the word's end).
 */
const GLUED_CHECK_LENGTH = 512;

/** Whether a credential starts after one of the word's separators (`Bearer_xoxb-…`, `x.ghp_…`). */
function hasGluedCredential(word: string): boolean {
  for (const separator of word.matchAll(/[._~+-]/g)) {
    const start = separator.index + 1;
    if (isCredential(word.slice(start, start + GLUED_CHECK_LENGTH))) return true;
  }
  return false;
}

/** Parameter names (query, fragment) whose value is a credential: ending in key, token, secret, sig, … (`api_key`, `accessToken`, `X-Amz-Signature`). */
export function isCredentialParamName(name: string): boolean {
  const words = name.split(/[\s_.-]+|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean);
  const last = words[words.length - 1]?.toLowerCase() ?? "";
  return /^(key|apikey|token|secret|sig|signature|password|passwd|pwd|auth|credential|credentials)$/.test(last);
}

/**
 * Whether a run of characters is a token by its length and alphabet, for masking only: 32+ hex
 * digits (a SHA, a hex key; dashes between them allowed, so a UUID too), or 32+ base64url
 * characters mostly in parts that mix letters and digits (not `integrations-plugin-v2-…` words).
 */
export function isTokenRun(run: string): boolean {
  if (run.length < 32 || !/^[A-Za-z0-9_-]+$/.test(run)) return false;
  if (/^[0-9A-Fa-f-]+$/.test(run) && run.replace(/-/g, "").length >= 32) return true;
  const mixed = run.split(/[-_]/).filter((part) => /[0-9]/.test(part) && /[A-Za-z]/.test(part));
  return mixed.join("").length * 2 >= run.length;
}

/**
 * Show a value without revealing it: at most its first 4 characters, `…`, and its length.
 * @example maskSecret("xoxb-123456789012-abcdefg") // "xoxb… (25 chars)"
 * @example maskSecret("hunter2") // "… (7 chars)": short values show nothing
 */
export function maskSecret(value: string): string {
  const chars = [...value];
  // Show the first 4 characters only of a long value, where they are a small part of it.
  const head = chars.length >= 16 ? chars.slice(0, 4).join("") : "";
  return `${head}… (${chars.length} ${chars.length === 1 ? "char" : "chars"})`;
}

/** Shannon entropy of a string, in bits per character. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

/**
 * Whether a value looks like a raw credential: a well-known prefix (`hasCredentialPrefix`), or a
 * token-like string of at least 20 characters that mixes letter case or digits and has high entropy
 * (≥ 3.2 bits/char). Used where a secret reference is expected, and for masking.
 */
export function looksLikeCredential(value: string): boolean {
  if (hasCredentialPrefix(value)) return true;
  if (value.length < 20 || !/^[A-Za-z0-9+/=_.~-]+$/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((c) => c.test(value)).length;
  return classes >= 2 && entropy(value) >= 3.2;
}
