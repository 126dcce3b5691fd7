/**
 * The descriptions the zod schema carries (and `configJsonSchema` emits for editors), in the words of
 * config-format.md: units (requests per window, Go duration strings), rules and the proxy's defaults.
 * Texts only: schema.ts attaches them, nothing here checks anything.
 */

const DURATION = "a Go duration string such as 30s, 1m or 1h30m (units ns, us, µs, ms, s, m, h; 0 is the only value without a unit)";

/** One description per key of an integration block (docs/config-format.md "Keys of an integration block"). */
export const FIELD_DESCRIPTIONS = {
  name: `The integration's name: letters, digits, ".", "_" and "-"; unique in the file case-insensitively (the proxy stores it lowercased).`,
  destination:
    "The upstream base URL the proxy forwards to: an absolute URL with a scheme and a host, e.g. https://api.example.com. " +
    `A "*" is allowed only in the host (https://*.example.com); credentials never go in the URL (no user info, no key or token query parameters).`,
  in_rate_limit: "Requests per caller per rate-limit window; 0 or less (or absent) means unlimited.",
  out_rate_limit: "Requests to the upstream per rate-limit window; 0 or less (or absent) means unlimited.",
  rate_limit_window: `The rate-limit window, ${DURATION}; greater than 0. Default: 1m.`,
  rate_limit_strategy: "How requests are counted against the rate limits. Default: fixed_window.",
  idle_conn_timeout: `How long an idle upstream connection is kept open, ${DURATION}; 0 or more.`,
  tls_handshake_timeout: `Timeout of the TLS handshake with the upstream, ${DURATION}; 0 or more.`,
  response_header_timeout: `How long to wait for the upstream's response headers, ${DURATION}; 0 or more.`,
  tls_insecure_skip_verify: "Skip verification of the upstream's TLS certificate (development only). Default: false.",
  disable_keep_alives: "Open a new upstream connection for every request. Default: false.",
  max_idle_conns: "Idle upstream connections kept in total; an integer, 0 or more.",
  max_idle_conns_per_host: "Idle upstream connections kept per upstream host; an integer, 0 or more.",
  incoming_auth: "How callers of the proxy prove who they are: a list of {type, params} entries, all of which must pass. " + "Without it, any caller that reaches the proxy can use the integration.",
  outgoing_auth: "How the proxy authenticates the request it forwards to the upstream: a list of {type, params} entries.",
} as const;

/** The whole file and its one key. */
export const CONFIG_DESCRIPTION = "An AuthTranslator config.yaml: one top-level key, integrations.";
export const INTEGRATIONS_DESCRIPTION = "The integration blocks; names are unique case-insensitively.";

/** An auth entry of a direction, by type (the `title` editors show for each choice). */
export function authEntryDescription(direction: "incoming" | "outgoing", type: string, hasParams: boolean): string {
  return `${direction}_auth type ${type}; params ${hasParams ? "holds exactly the keys listed" : "is empty: write params: {}"}.`;
}

/** One description per auth param name (docs/config-format.md "Auth types and their params"); the defaults are added from the auth type table. */
export const PARAM_DESCRIPTIONS: Readonly<Record<string, string>> = {
  secrets: "Secret references (env:NAME, file:/path, vault:path, …), never the secrets themselves; at least one. For basic, each resolves to user:pass.",
  header: "The HTTP header name, e.g. Authorization or X-Auth.",
  prefix: `Text before the value in the header; a trailing space is part of it, e.g. "Bearer ".`,
  algo: "The HMAC hash algorithm.",
  version: "The signature version.",
  sig_header: "The header carrying the signature.",
  ts_header: "The header carrying the request timestamp.",
  tolerance: "The largest allowed age of a request, in seconds.",
  audience: "The expected token audience.",
  issuer: "The expected token issuer.",
  subjects: "The client certificate subjects that are allowed.",
  allowed_uris: "Client URIs (from the X-Forwarded-Client-Cert header) that are allowed.",
  allowed_uri_prefixes: "Prefixes of client URIs that are allowed.",
  ignored_uris: "Client URIs that are ignored.",
  resource: "The Azure resource to get a token for, e.g. https://management.azure.com/.",
  client_id: "The client id of a user-assigned managed identity.",
  cert: "Secret reference to the client certificate (PEM).",
  key: "Secret reference to the client private key (PEM).",
  find_secret: "Secret reference to the placeholder text to find in the request.",
  replace_secret: "Secret reference to the value that replaces it.",
};

/** A secret reference (docs/config-format.md "Secret references"). */
export function secretRefDescription(allowDangerousLiteral: boolean): string {
  return (
    "A secret reference <scheme>:<id>, never the secret itself: env:NAME, file:/path or file:/path:KEY, vault:path, " +
    "k8s:NAMESPACE/NAME#KEY, aws:BASE64, gcp:projects/P/locations/L/keyRings/R/cryptoKeys/K:BASE64, " +
    "azure:https://<vault>.vault.azure.net/secrets/<name>, keychain:SERVICE[#ACCOUNT], secretservice:k=v[,k=v…], " +
    `wincred:TARGET[#raw|utf8|utf16le]${allowDangerousLiteral ? "; dangerousLiteral:VALUE puts the value in plain text" : ""}.`
  );
}
