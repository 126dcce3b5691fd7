/**
 * fast-check generators of integration blocks that are valid under the core schema (docs/config-format.md),
 * shaped like real ones: vendor-like names next to names YAML would read as something else
 * (`true`, `1e3`, `.inf`), URLs with ports, paths, IPv6 and wildcard hosts, Go durations in every
 * unit and sign, every auth type of both directions with every secret-reference scheme, and free
 * strings (prefixes, audiences) holding quotes, `#`, `: `, control characters and any Unicode.
 *
 * Test support only: outside `src`, so it is neither built nor shipped.
 */
import fc from "fast-check";
import { INCOMING_AUTH_TYPES, OUTGOING_AUTH_TYPES, type AuthTypeTable, type ParamRule } from "../src/format/auth-types.js";
import { parseGoDuration } from "../src/format/duration.js";
import { RATE_LIMIT_STRATEGIES, type Integration } from "../src/format/schema.js";

const WORDS = ["slack", "github", "gitlab", "stripe", "openai", "jira", "pagerduty", "okta", "api", "internal", "prod", "eu", "v2"];

/** Integration names (`^[a-zA-Z0-9._-]+$`), including ones a YAML writer must quote. */
export const nameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }), fc.constantFrom("-", "_", ".")).map(([w, sep]) => w.join(sep)) },
  { weight: 1, arbitrary: fc.constantFrom("1", "007", "true", "False", "null", "NULL", "yes", "1e3", "0x1F", "0o17", ".inf", "-.inf", ".NaN", "-", "--", "...", "Slack", "API.V2", "-1") },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-zA-Z0-9._-]{1,24}$/) },
);

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const dnsName = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom("com", "io", "net", "internal", "example.com")).map(([labels, tld]) => [...labels, tld].join("."));
const host = fc.oneof(
  { weight: 5, arbitrary: dnsName },
  { weight: 1, arbitrary: dnsName.map((name) => `*.${name}`) },
  { weight: 1, arbitrary: fc.constantFrom("localhost", "127.0.0.1", "10.0.12.7", "[::1]", "[2001:db8::1]", "API.Example.COM") },
);
const pathSegment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/).filter((s) => s !== "." && s !== "..");
const queryPair = fc.tuple(fc.constantFrom("v", "region", "format", "page", "api-version"), fc.stringMatching(/^[A-Za-z0-9._-]{0,8}$/));

/** `destination` URLs: scheme, host (DNS, IP, IPv6, `*.` wildcard), optional port, path and harmless query. */
export const destinationArb: fc.Arbitrary<string> = fc
  .record({
    scheme: fc.constantFrom("https", "https", "http", "wss", "ws"),
    host,
    port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    path: fc.array(pathSegment, { maxLength: 3 }),
    slash: fc.boolean(),
    query: fc.array(queryPair, { maxLength: 2 }),
  })
  .map(
    ({ scheme, host, port, path, slash, query }) =>
      `${scheme}://${host}${port === undefined ? "" : `:${port}`}${path.map((s) => `/${s}`).join("")}${slash ? "/" : ""}` + (query.length ? `?${query.map(([k, v]) => `${k}=${v}`).join("&")}` : ""),
  );

const unit = fc.constantFrom("ns", "us", "\u00b5s", "\u03bcs", "ms", "s", "m", "h");
const decimal = fc.oneof(
  fc.nat({ max: 999 }).map(String),
  fc.tuple(fc.nat({ max: 99 }), fc.stringMatching(/^[0-9]{1,3}$/)).map(([a, b]) => `${a}.${b}`),
  fc.stringMatching(/^[0-9]$/).map((d) => `.${d}`),
  fc.nat({ max: 9 }).map((n) => `${n}.`),
);
const durationText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("1m", "30s", "1h", "1h30m", "500ms", "10s", "2m30s", "1.5s", "0s", "250ms", "90s") },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom("", "", "", "+", "-"),
        fc.array(
          fc.tuple(decimal, unit).map(([d, u]) => d + u),
          { minLength: 1, maxLength: 3 },
        ),
      )
      .map(([sign, parts]) => sign + parts.join("")),
  },
  { weight: 1, arbitrary: fc.constantFrom("0", "-0", "+0") },
);
/** Go durations > 0 (`rate_limit_window`). */
export const positiveDurationArb = durationText.filter((text) => (parseGoDuration(text) ?? 0) > 0);
/** Go durations ≥ 0 (the timeouts). */
export const nonNegativeDurationArb = durationText.filter((text) => (parseGoDuration(text) ?? -1) >= 0);

const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,24}$/);
const segment = fc.stringMatching(/^[a-z0-9._-]{1,12}$/);
const base64 = fc.uint8Array({ minLength: 1, maxLength: 24 }).map((bytes) => Buffer.from(bytes).toString("base64"));

/** Secret references of every scheme but `dangerousLiteral`, with ids in each scheme's syntax. */
export const secretRefArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: envName.map((name) => `env:${name}`) },
  { weight: 1, arbitrary: fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.option(segment)).map(([p, key]) => `file:/${p.join("/")}${key ? `:${key}` : ""}`) },
  { weight: 1, arbitrary: fc.array(segment, { minLength: 1, maxLength: 3 }).map((p) => `vault:secret/data/${p.join("/")}`) },
  { weight: 1, arbitrary: fc.tuple(segment, segment, segment).map(([ns, name, key]) => `k8s:${ns}/${name}#${key}`) },
  { weight: 1, arbitrary: base64.map((b) => `aws:${b}`) },
  { weight: 1, arbitrary: fc.tuple(segment, segment, segment, segment, base64).map(([p, l, r, k, b]) => `gcp:projects/${p}/locations/${l}/keyRings/${r}/cryptoKeys/${k}:${b}`) },
  { weight: 1, arbitrary: fc.tuple(label, segment, fc.option(segment)).map(([vault, name, v]) => `azure:https://${vault}.vault.azure.net/secrets/${name}${v ? `/${v}` : ""}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("slack", "My Service", "gh-cli"), fc.option(segment)).map(([s, a]) => `keychain:${s}${a ? `#${a}` : ""}`) },
  { weight: 1, arbitrary: fc.tuple(segment, segment).map(([s, u]) => `secretservice:service=${s},user=${u}`) },
  { weight: 1, arbitrary: fc.tuple(segment, fc.constantFrom("", "#raw", "#utf8", "#utf16le")).map(([t, enc]) => `wincred:${t}${enc}`) },
);

const headerArb = fc.oneof(
  fc.constantFrom("Authorization", "X-Api-Key", "X-Hub-Signature-256", "X-Slack-Signature", "PRIVATE-TOKEN", "Stripe-Signature"),
  fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/),
);

/**
 * Characters the schema refuses in free-text params (control characters and U+FFFE/U+FFFF; see
 * roundtrip.property.test.ts for the refusal): left out of valid blocks.
 */
export const REFUSED_IN_TEXT = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/gu;

/** Free text: realistic prefixes and audiences, then anything (Unicode, quotes, `#`, controls). */
const freeText = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom("Bearer ", "Basic ", "token ", "sha256=", "v0", "https://api.example.com", "spiffe://cluster/ns/default") },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 16 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom("true", "0", "null", "~", "- x", "a: b", "# no", "'q'", '"dq"', " lead", "trail ", "é ü ß", "emoji 🔑") },
  )
  .map((text) => text.replace(REFUSED_IN_TEXT, ""));

const integerArb = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -10, max: 100_000 }) }, { weight: 1, arbitrary: fc.maxSafeInteger() });

function paramArb(key: string, rule: ParamRule): fc.Arbitrary<unknown> {
  const required = rule.required ?? false;
  switch (rule.kind) {
    case "string":
      if (key.endsWith("header")) return required ? headerArb : fc.oneof(headerArb, fc.constant(""));
      return required ? freeText.filter((s) => s !== "") : freeText;
    case "secret":
      return secretRefArb;
    case "secret[]":
      return fc.array(secretRefArb, { minLength: required ? 1 : 0, maxLength: 3 });
    case "string[]":
      return fc.array(freeText, { minLength: required ? 1 : 0, maxLength: 3 });
    case "integer":
      return integerArb;
    case "enum":
      return fc.constantFrom(...(rule.values ?? []));
  }
}

function authEntryArb(table: AuthTypeTable): fc.Arbitrary<{ type: string; params: Record<string, unknown> }> {
  return fc.constantFrom(...Object.keys(table)).chain((type) => {
    const rules = table[type]!;
    const shape = Object.fromEntries(Object.entries(rules).map(([key, rule]) => [key, paramArb(key, rule)]));
    const requiredKeys = Object.entries(rules)
      .filter(([, rule]) => rule.required)
      .map(([key]) => key);
    return fc.record(shape, { requiredKeys, noNullPrototype: true }).map((params) => ({ type, params: params as Record<string, unknown> }));
  });
}

/** One valid integration block (only `name` and `destination` always present). */
export const integrationArb: fc.Arbitrary<Integration> = fc.record(
  {
    name: nameArb,
    destination: destinationArb,
    in_rate_limit: integerArb,
    out_rate_limit: integerArb,
    rate_limit_window: positiveDurationArb,
    rate_limit_strategy: fc.constantFrom(...RATE_LIMIT_STRATEGIES),
    idle_conn_timeout: nonNegativeDurationArb,
    tls_handshake_timeout: nonNegativeDurationArb,
    response_header_timeout: nonNegativeDurationArb,
    tls_insecure_skip_verify: fc.boolean(),
    disable_keep_alives: fc.boolean(),
    max_idle_conns: fc.nat({ max: 10_000 }),
    max_idle_conns_per_host: fc.nat({ max: 1_000 }),
    incoming_auth: fc.array(authEntryArb(INCOMING_AUTH_TYPES), { maxLength: 3 }),
    outgoing_auth: fc.array(authEntryArb(OUTGOING_AUTH_TYPES), { maxLength: 2 }),
  },
  { requiredKeys: ["name", "destination"], noNullPrototype: true },
) as fc.Arbitrary<Integration>;

/** A list of valid integrations whose names are unique case-insensitively (config-format.md rule 3). */
export function integrationListArb(constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<Integration[]> {
  return fc.uniqueArray(integrationArb, { ...constraints, selector: (block) => block.name.toLowerCase() });
}

/**
 * One edit of a random sequence: an add, an update of item `target` (modulo the list's length; merge
 * or `replace`, the name in upper case when `upper`), a delete, or an add of a name already there
 * (which must be refused).
 */
export type EditOp =
  | { kind: "add"; block: Integration }
  | { kind: "update"; target: number; block: Integration; replace: boolean; upper: boolean }
  | { kind: "delete"; target: number; upper: boolean }
  | { kind: "duplicate"; target: number; block: Integration; upper: boolean };

export const editOpArb: fc.Arbitrary<EditOp> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), block: integrationArb }),
  fc.record({ kind: fc.constant("update" as const), target: fc.nat(), block: integrationArb, replace: fc.boolean(), upper: fc.boolean() }),
  fc.record({ kind: fc.constant("delete" as const), target: fc.nat(), upper: fc.boolean() }),
  fc.record({ kind: fc.constant("duplicate" as const), target: fc.nat(), block: integrationArb, upper: fc.boolean() }),
);
