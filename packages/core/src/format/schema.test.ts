import { describe, expect, it } from "vitest";
import { configSchema, integrationSchema, makeIntegrationSchema } from "./schema.js";
import { validateIntegration } from "./validate.js";

const base = { name: "example", destination: "https://api.example.com" };
const withAuth = (direction: "incoming" | "outgoing", type: string, params: Record<string, unknown>) => ({
  ...base,
  [`${direction}_auth`]: [{ type, params }],
});

/** The smallest valid params of every type, per direction (docs/config-format.md "Auth types and their params"). */
const MINIMAL: Record<"incoming" | "outgoing", Record<string, Record<string, unknown>>> = {
  incoming: {
    token: { secrets: ["env:IN_TOKEN"], header: "X-Auth" },
    basic: { secrets: ["env:BASIC_USER_PASS"] },
    url_path: { secrets: ["env:PATH_TOKEN"] },
    passthrough: {},
    github_signature: { secrets: ["env:GITHUB_WEBHOOK_SECRET"] },
    slack_signature: { secrets: ["env:SLACK_SIGNING_SECRET"] },
    twilio_signature: { secrets: ["env:TWILIO_AUTH_TOKEN"] },
    hmac_signature: { secrets: ["env:HMAC_KEY"] },
    jwt: { secrets: ["file:/etc/jwt/public.pem"] },
    google_oidc: { audience: "https://proxy.example.com" },
    mtls: {},
    envoy_xfcc: {},
  },
  outgoing: {
    token: { secrets: ["env:OUT_TOKEN"], header: "Authorization" },
    basic: { secrets: ["k8s:default/creds#basic"] },
    url_path: { secrets: ["env:PATH_TOKEN"] },
    passthrough: {},
    hmac_signature: { secrets: ["vault:secret/data/hmac"] },
    jwt: { secrets: ["env:JWT_KEY"] },
    google_oidc: { audience: "https://backend.example.com" },
    gcp_token: {},
    azure_managed_identity: { resource: "https://management.azure.com/" },
    mtls: { cert: "file:/etc/tls/client.pem", key: "file:/etc/tls/client.key" },
    find_replace: { find_secret: "env:PLACEHOLDER", replace_secret: "env:REAL_TOKEN" },
  },
};

describe("integrationSchema: every auth type", () => {
  for (const direction of ["incoming", "outgoing"] as const) {
    for (const [type, params] of Object.entries(MINIMAL[direction])) {
      it(`${direction} ${type} accepts its minimal params`, () => {
        expect(validateIntegration(withAuth(direction, type, params)).errors).toEqual([]);
      });
      for (const key of Object.keys(params)) {
        it(`${direction} ${type} requires ${key}`, () => {
          const { [key]: _dropped, ...rest } = params;
          expect(validateIntegration(withAuth(direction, type, rest)).errors).toEqual([`${direction}_auth[0].params.${key}: is required`]);
        });
      }
    }
  }

  it.each([
    ["outgoing", "slack_signature", "incoming"],
    ["outgoing", "github_signature", "incoming"],
    ["outgoing", "twilio_signature", "incoming"],
    ["outgoing", "envoy_xfcc", "incoming"],
    ["incoming", "gcp_token", "outgoing"],
    ["incoming", "azure_managed_identity", "outgoing"],
    ["incoming", "find_replace", "outgoing"],
  ] as const)("%s_auth refuses %s, a type of the other direction", (direction, type, other) => {
    const [error] = validateIntegration(withAuth(direction, type, {})).errors;
    expect(error).toMatch(new RegExp(`^${direction}_auth\\[0\\]\\.type: "${type}" is an ${other}_auth type and cannot be used in ${direction}_auth; ${direction}_auth types: token, basic, `));
  });

  it("refuses an mtls param of the other direction", () => {
    expect(validateIntegration(withAuth("incoming", "mtls", { cert: "env:CERT" })).errors).toEqual([`incoming_auth[0].params: unknown key "cert"; allowed keys: subjects`]);
  });

  it("accepts every optional param with its right JSON type", () => {
    const incoming = [
      { type: "slack_signature", params: { secrets: ["env:S"], version: "v0", sig_header: "X-Slack-Signature", ts_header: "X-Slack-Request-Timestamp", tolerance: 300 } },
      { type: "hmac_signature", params: { secrets: ["env:S"], header: "X-Signature", prefix: "sha512=", algo: "sha512" } },
      { type: "jwt", params: { secrets: ["env:S"], audience: "a", issuer: "i", header: "Authorization", prefix: "Bearer " } },
      { type: "mtls", params: { subjects: ["CN=client"] } },
      { type: "envoy_xfcc", params: { allowed_uris: ["spiffe://a"], allowed_uri_prefixes: ["spiffe://b/"], ignored_uris: [], header: "X-Forwarded-Client-Cert" } },
    ];
    const outgoing = [
      { type: "azure_managed_identity", params: { resource: "r", client_id: "c", header: "Authorization", prefix: "Bearer " } },
      { type: "gcp_token", params: { header: "Authorization", prefix: "Bearer " } },
    ];
    expect(validateIntegration({ ...base, incoming_auth: incoming, outgoing_auth: outgoing }).errors).toEqual([]);
  });

  it("refuses params of the wrong JSON type and values outside an enum", () => {
    const incoming = [
      { type: "slack_signature", params: { secrets: "env:S", tolerance: "300" } },
      { type: "hmac_signature", params: { secrets: ["env:S", 7], algo: "md5" } },
      { type: "mtls", params: { subjects: "CN=x" } },
    ];
    expect(validateIntegration({ ...base, incoming_auth: incoming }).errors).toEqual([
      "incoming_auth[0].params.secrets: must be a list, not a string",
      "incoming_auth[0].params.tolerance: must be an integer, not a string",
      "incoming_auth[1].params.secrets[1]: must be a string, not 7",
      `incoming_auth[1].params.algo: must be one of sha1, sha256, sha512, not "md5"`,
      "incoming_auth[2].params.subjects: must be a list, not a string",
    ]);
  });

  it("refuses empty required params", () => {
    const outgoing = [
      { type: "token", params: { secrets: [], header: "" } },
      { type: "google_oidc", params: { audience: "" } },
      { type: "mtls", params: { cert: "", key: "file:/k" } },
    ];
    expect(validateIntegration({ ...base, outgoing_auth: outgoing }).errors).toEqual([
      "outgoing_auth[0].params.secrets: must list at least one secret reference, e.g. [env:TOKEN]",
      "outgoing_auth[0].params.header: must not be empty",
      "outgoing_auth[1].params.audience: must not be empty",
      "outgoing_auth[2].params.cert: is empty; use a secret reference such as env:SECRET_NAME",
    ]);
  });

  it("requires params, even when empty, and a known type", () => {
    expect(validateIntegration({ ...base, outgoing_auth: [{ type: "gcp_token" }, { params: {} }, "token"] }).errors).toEqual([
      "outgoing_auth[0].params: is required; write params: {} when there are none",
      "outgoing_auth[1].type: is required; outgoing_auth types: token, basic, url_path, passthrough, hmac_signature, jwt, google_oidc, gcp_token, azure_managed_identity, mtls, find_replace",
      "outgoing_auth[2]: must be a map (key: value), not a string",
    ]);
  });
});

describe("integrationSchema", () => {
  it("parses a block with every field and keeps it unchanged", () => {
    const block = {
      name: "full",
      destination: "https://*.example.com",
      in_rate_limit: 100,
      out_rate_limit: -1,
      rate_limit_window: "1m",
      rate_limit_strategy: "token_bucket",
      idle_conn_timeout: "90s",
      tls_handshake_timeout: "0",
      response_header_timeout: "1m30s",
      tls_insecure_skip_verify: false,
      disable_keep_alives: true,
      max_idle_conns: 0,
      max_idle_conns_per_host: 20,
      incoming_auth: [{ type: "passthrough", params: {} }],
      outgoing_auth: [{ type: "gcp_token", params: {} }],
    };
    const result = integrationSchema.safeParse(block);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(block);
  });

  it("puts unknown keys and wrong types at exact zod paths", () => {
    const result = integrationSchema.safeParse({ ...base, destnation: "x", max_idle_conns: 1.5 });
    expect(result.error?.issues.map((issue) => [issue.path, issue.code])).toEqual([
      [["max_idle_conns"], "custom"],
      [[], "unrecognized_keys"],
    ]);
    expect(result.error?.issues[1]?.message).toMatch(/^unknown key "destnation" \(did you mean "destination"\?\); allowed keys: name, destination, /);
  });

  it("takes dangerousLiteral only from a schema built to allow it", () => {
    const block = withAuth("outgoing", "token", { secrets: ["dangerousLiteral:__PLACEHOLDER__"], header: "X" });
    expect(integrationSchema.safeParse(block).success).toBe(false);
    expect(makeIntegrationSchema({ allowDangerousLiteral: true }).safeParse(block).success).toBe(true);
  });
});

describe("configSchema", () => {
  it("requires a list under integrations and nothing else", () => {
    expect(configSchema.safeParse({ integrations: [] }).success).toBe(true);
    expect(configSchema.safeParse({ integrations: {} }).success).toBe(false);
    expect(configSchema.safeParse({ integrations: [], version: 2 }).success).toBe(false);
  });

  it("reports a case-insensitive duplicate at the later name", () => {
    const result = configSchema.safeParse({ integrations: [base, { ...base, name: "EXAMPLE" }] });
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([[["integrations", 1, "name"], `"EXAMPLE" duplicates integrations[0] (names are unique case-insensitively)`]]);
  });
});

describe("header params", () => {
  it("must be HTTP header names", async () => {
    const { validateIntegration } = await import("./validate.js");
    const block = { name: "h", destination: "https://h.example.com", incoming_auth: [{ type: "token", params: { header: "X Auth:", secrets: ["env:A"] } }] };
    expect(validateIntegration(block).errors).toEqual(["incoming_auth[0].params.header: must be an HTTP header name such as Authorization or X-Auth (no spaces or colon)"]);
  });
});

describe("a credential outside the secrets", () => {
  // Built from parts, so that this file holds no credential-shaped literal.
  const TOKEN = ["gh", "p_", "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5"].join("");
  const JWT = ["ey", "JhbGciOiJIUzI1NiJ9", ".ey", "JzdWIiOiIxMjM0NTY3ODkwIn0", ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"].join("");
  const PEM = ["-----BEGIN EC ", "PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oDhJhL7vGvJWoAoGCCqGSM49\n-----END EC ", "PRIVATE KEY-----"].join("");
  const block = (name: string, params: Record<string, unknown>) => ({
    name,
    destination: "https://h.example.com",
    outgoing_auth: [{ type: "token", params: { header: "Authorization", secrets: ["env:A"], ...params } }],
  });

  it("is refused in a name, a header and a prefix, and never echoed", async () => {
    const { validateIntegration } = await import("./validate.js");
    const errors = [
      ...validateIntegration(block(TOKEN, {})).errors,
      ...validateIntegration(block("h", { header: TOKEN })).errors,
      ...validateIntegration(block("h", { prefix: `Bearer ${JWT}` })).errors,
      ...validateIntegration(block("h", { prefix: PEM })).errors,
    ];
    expect(errors).toEqual([
      "name: looks like a credential (ghp_… (40 chars)), not a name; name the integration after its service, e.g. slack-prod",
      "outgoing_auth[0].params.header: holds a credential; a credential belongs in secrets, as a secret reference such as env:TOKEN",
      "outgoing_auth[0].params.prefix: holds a credential; a credential belongs in secrets, as a secret reference such as env:TOKEN",
      "outgoing_auth[0].params.prefix: holds a credential; a credential belongs in secrets, as a secret reference such as env:TOKEN",
    ]);
  });

  it("is not inferred from entropy: UUIDs, SHAs and tenant ids stay usable as names and params", async () => {
    const { validateIntegration } = await import("./validate.js");
    for (const value of ["8c3f2a1b-4d5e-4f60-8a7b-9c0d1e2f3a4b", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b", "acme-prod-eu-west-1", "sk-prod-integration"]) {
      expect(validateIntegration(block(value, { prefix: `Tenant ${value} ` })).errors, value).toEqual([]);
    }
  });
});
