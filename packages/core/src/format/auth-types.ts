/**
 * The auth types of docs/config-format.md "Auth types and their params" as data: for each direction, each type's params. The
 * checking logic lives in schema.ts; this file only describes.
 */

/**
 * One param of an auth type. `secret` and `secret[]` hold secret references; `enum` takes one
 * of `values`; `integer` is a JSON integer. `required` means present and non-empty. `default` is the
 * value the proxy uses when the param is absent (documentation only).
 */
export interface ParamRule {
  kind: "string" | "secret" | "string[]" | "secret[]" | "integer" | "enum";
  required?: boolean;
  values?: readonly string[];
  default?: string | number;
}

/** The auth types allowed for one direction, each mapped to its params. */
export type AuthTypeTable = Readonly<Record<string, Readonly<Record<string, ParamRule>>>>;

export type AuthDirection = "incoming" | "outgoing";

const secrets: ParamRule = { kind: "secret[]", required: true };
const str = (defaultValue?: string): ParamRule => (defaultValue === undefined ? { kind: "string" } : { kind: "string", default: defaultValue });
const requiredString: ParamRule = { kind: "string", required: true };
const strings: ParamRule = { kind: "string[]" };
const algo: ParamRule = { kind: "enum", values: ["sha1", "sha256", "sha512"] };

/** `incoming_auth` types: how callers of the proxy prove who they are. */
export const INCOMING_AUTH_TYPES: AuthTypeTable = {
  token: { secrets, header: requiredString, prefix: str() },
  basic: { secrets, header: str("Authorization"), prefix: str("Basic ") },
  url_path: { secrets },
  passthrough: {},
  github_signature: { secrets, header: str("X-Hub-Signature-256"), prefix: str("sha256=") },
  slack_signature: {
    secrets,
    version: str("v0"),
    sig_header: str("X-Slack-Signature"),
    ts_header: str("X-Slack-Request-Timestamp"),
    tolerance: { kind: "integer", default: 300 }, // seconds
  },
  twilio_signature: { secrets, header: str("X-Twilio-Signature") },
  hmac_signature: { secrets, header: str("X-Signature"), prefix: str(), algo: { ...algo, default: "sha256" } },
  jwt: { secrets, audience: str(), issuer: str(), header: str("Authorization"), prefix: str("Bearer ") },
  google_oidc: { audience: requiredString, header: str(), prefix: str() },
  mtls: { subjects: strings },
  envoy_xfcc: {
    allowed_uris: strings,
    allowed_uri_prefixes: strings,
    ignored_uris: strings,
    header: str("X-Forwarded-Client-Cert"),
  },
};

/** `outgoing_auth` types: how the proxy signs the request it forwards. */
export const OUTGOING_AUTH_TYPES: AuthTypeTable = {
  token: { secrets, header: requiredString, prefix: str() },
  basic: { secrets, header: str(), prefix: str() },
  url_path: { secrets },
  passthrough: {},
  hmac_signature: { secrets, header: str(), prefix: str(), algo },
  jwt: { secrets, header: str(), prefix: str() },
  google_oidc: { audience: requiredString, header: str(), prefix: str() },
  gcp_token: { header: str(), prefix: str() },
  azure_managed_identity: { resource: requiredString, client_id: str(), header: str(), prefix: str() },
  mtls: { cert: { kind: "secret", required: true }, key: { kind: "secret", required: true } },
  find_replace: {
    find_secret: { kind: "secret", required: true },
    replace_secret: { kind: "secret", required: true },
  },
};

/** The table for a direction. */
export function authTypesFor(direction: AuthDirection): AuthTypeTable {
  return direction === "incoming" ? INCOMING_AUTH_TYPES : OUTGOING_AUTH_TYPES;
}
