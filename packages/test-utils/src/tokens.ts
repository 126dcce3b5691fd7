/**
 * Credential-shaped test values, built from parts and a seeded pseudo-random body, so that no test
 * file holds a credential-shaped literal for a secret scanner to flag, and every run uses the same.
 */

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();
const DIGITS = "0123456789";
const ALNUM = LOWER + UPPER + DIGITS;
const HEX = "0123456789abcdef";
const BASE64 = `${ALNUM}+/`;
const BASE64URL = `${ALNUM}-_`;

let seed = 20240611;
/** `n` characters of `alphabet`, from a fixed-seed generator. */
function random(n: number, alphabet = ALNUM): string {
  let out = "";
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out += alphabet[(seed >>> 8) % alphabet.length];
  }
  return out;
}

/** Joins the parts of a token: the prefixes are split in the source so that scanners do not match them. */
const t = (...parts: string[]) => parts.join("");

/** One credential: what it is, the value, and whether it is a credential by form (refused anywhere) or only by entropy (masked). */
export interface TokenShape {
  shape: string;
  token: string;
  form: boolean;
}

/**
 * One token of each shape the CLI must never print: the vendor tokens, a JWT, and two that are
 * credentials only by their entropy (refused where a secret reference is expected, accepted as a
 * name or a param, masked when printed). The hex one starts with a digit so that it is no env name.
 */
export const TOKEN_SHAPES: readonly TokenShape[] = [
  { shape: "Slack bot", token: t("xo", "xb-", random(12, DIGITS), "-", random(13, DIGITS), "-", random(24)), form: true },
  { shape: "Slack user", token: t("xo", "xp-", random(12, DIGITS), "-", random(12, DIGITS), "-", random(32, LOWER + DIGITS)), form: true },
  { shape: "Slack legacy", token: t("xo", "xa-", random(12, DIGITS), "-", random(30)), form: true },
  { shape: "Slack app", token: t("xa", "pp-1-", random(11, UPPER + DIGITS), "-", random(13, DIGITS), "-", random(64, LOWER + DIGITS)), form: true },
  { shape: "GitHub classic", token: t("gh", "p_", random(36)), form: true },
  { shape: "GitHub OAuth", token: t("gh", "o_", random(36)), form: true },
  { shape: "GitHub fine-grained", token: t("github", "_pat_", random(22), "_", random(59)), form: true },
  { shape: "OpenAI", token: t("s", "k-", random(48)), form: true },
  { shape: "OpenAI project", token: t("s", "k-proj-", random(40), "_", random(24)), form: true },
  { shape: "GitLab", token: t("gl", "pat-", random(20)), form: true },
  { shape: "Stripe secret", token: t("sk", "_live_", random(24)), form: true },
  { shape: "Stripe restricted", token: t("rk", "_live_", random(24)), form: true },
  { shape: "AWS access key", token: t("AK", "IA", random(16, UPPER + DIGITS)), form: true },
  { shape: "SendGrid", token: t("S", "G.", random(22), ".", random(43)), form: true },
  { shape: "high-entropy", token: random(40), form: false },
  { shape: "JWT", token: t("ey", "JhbGciOiJSUzI1NiJ9.", "ey", "J", random(60, BASE64URL), ".", random(43, BASE64URL)), form: true },
  { shape: "hex", token: t("9", random(39, HEX)), form: false },
];

/** A PEM private key as `openssl` writes it: header, 64-character base64 lines, footer. */
export const PEM_KEY = t("-----BEGIN RSA ", "PRIVATE KEY-----\n", ...Array.from({ length: 6 }, () => `${random(64, BASE64)}\n`), random(20, BASE64), "==\n-----END RSA ", "PRIVATE KEY-----");

/**
 * One token of each vendor shape in the vendor's own layout whose random part, by chance, holds no
 * digit (or no letter): `xoxb-<digits>-<digits>-<24 letters>`. Still credentials by form.
 */
export const UNMIXED_TOKENS: readonly TokenShape[] = [
  { shape: "Slack bot, letters only", token: t("xo", "xb-", random(10, DIGITS), "-", random(13, DIGITS), "-", random(24, LOWER)), form: true },
  { shape: "Slack user, short", token: t("xo", "xp-", random(10, DIGITS), "-", random(10, LOWER), random(4, UPPER)), form: true },
  { shape: "Slack app", token: t("xa", "pp-1-", random(11, UPPER), "-", random(13, DIGITS), "-", random(64, LOWER)), form: true },
  { shape: "GitHub classic", token: t("gh", "p_", random(36, LOWER + UPPER)), form: true },
  { shape: "GitHub fine-grained", token: t("github", "_pat_", random(22, UPPER), "_", random(59, LOWER)), form: true },
  { shape: "OpenAI", token: t("s", "k-", random(48, LOWER + UPPER)), form: true },
  { shape: "GitLab", token: t("gl", "pat-", random(20, LOWER)), form: true },
  { shape: "Stripe secret", token: t("sk", "_live_", random(24, LOWER + UPPER)), form: true },
  { shape: "Stripe webhook", token: t("wh", "sec_", random(32, LOWER + UPPER)), form: true },
  { shape: "AWS access key", token: t("AK", "IA", random(16, UPPER)), form: true },
  { shape: "SendGrid", token: t("S", "G.", random(22, LOWER), ".", random(43, UPPER)), form: true },
];

/** The first 12 consecutive characters of any of `tokens` that `text` shows, if any (the mask shows 4 at most). */
function shownPiece(text: string, tokens: readonly string[]): string | undefined {
  for (const token of tokens) {
    for (let i = 0; i + 12 <= token.length; i++) {
      const piece = token.slice(i, i + 12);
      if (text.includes(piece)) return piece;
    }
  }
  return undefined;
}

/** Where a run shows 12 consecutive characters of one of `tokens`, or undefined: `stderr shows "…" of a token`. */
export function leakIn(result: { stdout: string; stderr: string }, tokens: readonly string[]): string | undefined {
  for (const [stream, text] of [
    ["stdout", result.stdout],
    ["stderr", result.stderr],
  ] as const) {
    const piece = shownPiece(text, tokens);
    if (piece !== undefined) return `${stream} shows ${JSON.stringify(piece)} of a token:\n${text}`;
  }
  return undefined;
}

/**
 * What is wrong with a failed run against the house rules, as a list (empty when nothing is): exit
 * `code`, one `error:` line on stderr (a stack may follow only with `--debug`), and with `--json`
 * the error object on stdout, else nothing on stdout.
 */
export function failureProblems(result: { code: number; stdout: string; stderr: string }, args: readonly string[], code: number): string[] {
  const problems: string[] = [];
  if (result.code !== code) problems.push(`exit ${result.code}, not ${code}: ${result.stderr}`);
  const lines = result.stderr.trimEnd().split("\n");
  if (!lines[0]!.startsWith("error: ")) problems.push(`stderr does not start with "error: ": ${result.stderr}`);
  if (!args.includes("--debug") && lines.length !== 1) problems.push(`stderr has ${lines.length} lines without --debug`);
  if (args.includes("--json")) {
    let parsed: { status?: unknown; exitCode?: unknown } = {};
    try {
      parsed = JSON.parse(result.stdout) as typeof parsed;
    } catch {
      problems.push(`stdout is not JSON: ${result.stdout}`);
    }
    if (parsed.status !== "error" || parsed.exitCode !== code) problems.push(`stdout is not the error object with exitCode ${code}: ${result.stdout}`);
  } else if (result.stdout !== "") problems.push(`stdout is not empty: ${result.stdout}`);
  return problems;
}
