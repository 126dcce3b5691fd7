import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileJsonSchema2020, parseYaml, schemaProblems, sharedPath } from "@integrations/test-utils";
import { checkDestination } from "./destination.js";
import { parseGoDuration } from "./duration.js";
import { configJsonSchema } from "./json-schema.js";
import { DESTINATION_PATTERN, HEADER_NAME_PATTERN, NON_NEGATIVE_DURATION_PATTERN, OPTIONAL_HEADER_NAME_PATTERN, POSITIVE_DURATION_PATTERN, secretRefPattern } from "./schema-patterns.js";
import { checkSecretRef } from "./secret-ref.js";
import { validateConfig } from "./validate.js";

type Json = Record<string, any>;

const schema = configJsonSchema() as Json;
const ours = compileJsonSchema2020(schema);
const item = schema.properties.integrations.items as Json;

/** Every auth type of docs/config-format.md "Auth types and their params" with every param set, one secret scheme after another. */
const EVERY_PARAM: Record<"incoming" | "outgoing", Record<string, Json>> = {
  incoming: {
    token: { secrets: ["env:IN_TOKEN"], header: "X-Auth", prefix: "Token " },
    basic: { secrets: ["file:/etc/basic:USERPASS"], header: "Authorization", prefix: "Basic " },
    url_path: { secrets: ["vault:secret/data/path"] },
    passthrough: {},
    github_signature: { secrets: ["k8s:default/github#webhook"], header: "X-Hub-Signature-256", prefix: "sha256=" },
    slack_signature: { secrets: ["aws:Ci0KU29tZQ=="], version: "v0", sig_header: "X-Slack-Signature", ts_header: "X-Slack-Request-Timestamp", tolerance: 300 },
    twilio_signature: { secrets: ["gcp:projects/p/locations/l/keyRings/r/cryptoKeys/k:Q2lwaGVy"], header: "X-Twilio-Signature" },
    hmac_signature: { secrets: ["azure:https://kv.vault.azure.net/secrets/hmac/v1"], header: "X-Signature", prefix: "sha256=", algo: "sha256" },
    jwt: { secrets: ["keychain:jwt#proxy"], audience: "https://proxy.example.com", issuer: "https://issuer.example.com", header: "Authorization", prefix: "Bearer " },
    google_oidc: { audience: "https://proxy.example.com", header: "Authorization", prefix: "Bearer " },
    mtls: { subjects: ["CN=client"] },
    envoy_xfcc: { allowed_uris: ["spiffe://a/b"], allowed_uri_prefixes: ["spiffe://a/"], ignored_uris: [], header: "X-Forwarded-Client-Cert" },
  },
  outgoing: {
    token: { secrets: ["secretservice:service=api,user=bot"], header: "Authorization", prefix: "Bearer " },
    basic: { secrets: ["wincred:api#utf8"], header: "Authorization", prefix: "Basic " },
    url_path: { secrets: ["env:PATH_TOKEN", "env:OLD_PATH_TOKEN"] },
    passthrough: {},
    hmac_signature: { secrets: ["env:HMAC"], header: "X-Signature", prefix: "", algo: "sha512" },
    jwt: { secrets: ["file:/etc/jwt/key.pem"], header: "Authorization", prefix: "Bearer " },
    google_oidc: { audience: "https://backend.example.com" },
    gcp_token: { header: "", prefix: "" },
    azure_managed_identity: { resource: "https://management.azure.com/", client_id: "abc", header: "Authorization", prefix: "Bearer " },
    mtls: { cert: "file:/etc/tls/client.pem", key: "k8s:tls/client#key" },
    find_replace: { find_secret: "env:PLACEHOLDER", replace_secret: "env:REAL_TOKEN" },
  },
};

const entries = (direction: "incoming" | "outgoing") => Object.entries(EVERY_PARAM[direction]).map(([type, params]) => ({ type, params }));

/** Hand-written configs valid under the published schema and our rules, using every field and auth type. */
const VALID: Record<string, Json> = {
  "every auth type, one per integration": {
    integrations: [
      ...entries("incoming").map((entry) => ({ name: `in-${entry.type}`, destination: "https://api.example.com", incoming_auth: [entry] })),
      ...entries("outgoing").map((entry) => ({ name: `out_${entry.type}`, destination: "http://ex", outgoing_auth: [entry] })),
    ],
  },
  "every field, every auth type in one block": {
    integrations: [
      {
        name: "Full.Block-1",
        destination: "https://*.example.com/v1?x=1",
        in_rate_limit: -1,
        out_rate_limit: 0,
        rate_limit_window: "1h30m",
        rate_limit_strategy: "leaky_bucket",
        idle_conn_timeout: "-0s",
        tls_handshake_timeout: "0",
        response_header_timeout: "1.5s",
        tls_insecure_skip_verify: true,
        disable_keep_alives: false,
        max_idle_conns: 0,
        max_idle_conns_per_host: 20,
        incoming_auth: entries("incoming"),
        outgoing_auth: entries("outgoing"),
      },
    ],
  },
  "Go duration and destination spellings": {
    integrations: [
      { name: "a", destination: "https://[::1]:80", rate_limit_window: ".5s", idle_conn_timeout: "500ms", tls_handshake_timeout: "1µs", response_header_timeout: "1μs" },
      { name: "b", destination: "custom+scheme://host.example:8443/path", rate_limit_window: "+1m0s", rate_limit_strategy: "token_bucket" },
      { name: "c", destination: "https://api.example.com/#/fragment", rate_limit_window: "60s" },
    ],
  },
  "no integrations": { integrations: [] },
};

/** Configs our rules refuse, each for one reason the JSON Schema can express too. */
const INVALID: Record<string, Json> = {
  "a name with a space": { name: "bad name" },
  "a destination without a scheme": { destination: "example.com" },
  "a destination with user info": { destination: "https://user:pw@api.example.com" },
  "a zero rate_limit_window": { rate_limit_window: "0s" },
  "a negative rate_limit_window": { rate_limit_window: "-1m" },
  "a duration in days": { rate_limit_window: "1d" },
  "a duration without a unit": { idle_conn_timeout: "30" },
  "a negative timeout": { response_header_timeout: "-1s" },
  "a fractional rate limit": { in_rate_limit: 1.5 },
  "a negative max_idle_conns": { max_idle_conns: -1 },
  "an unknown strategy": { rate_limit_strategy: "sliding_window" },
  "an unknown key": { destnation: "https://x.example.com" },
  "an incoming type used outgoing": { outgoing_auth: [{ type: "slack_signature", params: { secrets: ["env:S"] } }] },
  "an unknown auth type": { incoming_auth: [{ type: "oauth", params: {} }] },
  "missing params": { incoming_auth: [{ type: "passthrough" }] },
  "an unknown param": { incoming_auth: [{ type: "passthrough", params: { header: "X" } }] },
  "a token without its header": { outgoing_auth: [{ type: "token", params: { secrets: ["env:T"] } }] },
  "a header name with a space": { outgoing_auth: [{ type: "token", params: { secrets: ["env:T"], header: "X Auth" } }] },
  "an empty secrets list": { outgoing_auth: [{ type: "url_path", params: { secrets: [] } }] },
  "a raw token": { outgoing_auth: [{ type: "url_path", params: { secrets: ["xoxb-1234567890-abcdefghijkl"] } }] },
  "a scheme in the wrong case": { outgoing_auth: [{ type: "url_path", params: { secrets: ["Env:TOKEN"] } }] },
  "a bad env name": { outgoing_auth: [{ type: "url_path", params: { secrets: ["env:1TOKEN"] } }] },
  "a dangerousLiteral": { outgoing_auth: [{ type: "url_path", params: { secrets: ["dangerousLiteral:__PLACEHOLDER__"] } }] },
  "a tolerance as a string": { incoming_auth: [{ type: "slack_signature", params: { secrets: ["env:S"], tolerance: "300" } }] },
  "an unknown algo": { incoming_auth: [{ type: "hmac_signature", params: { secrets: ["env:S"], algo: "md5" } }] },
};

const reference = (file: string) => parseYaml(readFileSync(sharedPath("reference", "authtranslator", file), "utf8")) as unknown;

describe("configJsonSchema", () => {
  it("is a draft 2020-12 JSON Schema that ajv compiles in strict mode", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(() => compileJsonSchema2020(schema)).not.toThrow();
    expect(schema.required).toEqual(["integrations"]);
    expect(item.required).toEqual(["name", "destination"]);
  });

  it("describes every key of a block, with units and the proxy's defaults", () => {
    for (const [key, property] of Object.entries(item.properties as Json)) expect(property.description, key).toMatch(/\w/);
    expect(item.properties.in_rate_limit).toMatchObject({ type: "integer", description: expect.stringContaining("per rate-limit window") });
    expect(item.properties.rate_limit_window).toMatchObject({ default: "1m", description: expect.stringContaining("Go duration") });
    expect(item.properties.rate_limit_strategy).toMatchObject({ default: "fixed_window", enum: ["fixed_window", "token_bucket", "leaky_bucket"] });
    expect(item.properties.max_idle_conns).toMatchObject({ type: "integer", minimum: 0 });
    expect(item.properties.name.pattern).toBe("^[a-zA-Z0-9._-]+$");
  });

  it("offers each auth type of each direction as a titled choice whose params are described", () => {
    for (const direction of ["incoming", "outgoing"] as const) {
      const choices = item.properties[`${direction}_auth`].items.oneOf as Json[];
      expect(choices.map((c) => c.title)).toEqual(Object.keys(EVERY_PARAM[direction]));
      for (const choice of choices) {
        for (const [key, param] of Object.entries(choice.properties.params.properties as Json)) expect(param.description, `${choice.title}.${key}`).toMatch(/\w/);
      }
    }
    const slack = item.properties.incoming_auth.items.oneOf.find((c: Json) => c.title === "slack_signature");
    expect(slack.properties.params.properties.tolerance).toMatchObject({ type: "integer", default: 300, description: expect.stringContaining("seconds") });
  });

  it.each([["the proxy's conf-config.yaml", reference("conf-config.yaml")], ["the proxy's examples-config.yaml", reference("examples-config.yaml")], ...Object.entries(VALID)])(
    "accepts %s, valid under the published schema and our rules",
    (_, config) => {
      expect(schemaProblems(JSON.stringify(config))).toEqual([]);
      expect(ours(config)).toEqual([]);
    },
  );

  it.each(Object.entries(INVALID))("refuses %s, as our rules do", (_, fields) => {
    const config = { integrations: [{ name: "x", destination: "https://x.example.com", ...fields }] };
    expect(validateConfig(config).errors).not.toEqual([]);
    expect(ours(config)).not.toEqual([]);
  });

  it("refuses a file without integrations or with another top-level key", () => {
    expect(ours({})).not.toEqual([]);
    expect(ours({ integrations: [], version: 2 })).not.toEqual([]);
  });

  it("admits dangerousLiteral: only when built to allow it", () => {
    const config = { integrations: [{ name: "x", destination: "https://x.example.com", outgoing_auth: [{ type: "url_path", params: { secrets: ["dangerousLiteral:v"] } }] }] };
    expect(ours(config)).not.toEqual([]);
    expect(validateConfig(config, { allowDangerousLiteral: true }).errors).toEqual([]);
    expect(compileJsonSchema2020(configJsonSchema({ allowDangerousLiteral: true }))(config)).toEqual([]);
  });
});

/** Each pattern must match everything its check accepts (and, to be of use, refuse the plain mistakes). */
describe("the patterns are necessary conditions of the checks", () => {
  const match = (pattern: string, value: string) => new RegExp(pattern, "u").test(value);

  it.each([
    "0",
    "+0",
    "-0",
    "-0s",
    "1m",
    "60s",
    "1h30m",
    "500ms",
    "1.5s",
    ".5s",
    "1.s",
    "1m0s",
    "1µs",
    "1μs",
    "1us",
    "1ns",
    "+5m",
    "0.000s",
    "00s",
    "99999999999h",
    "-1s",
    "-1.5h",
    "1d",
    "1",
    "1S",
    " 1s",
    "1e3s",
    "",
    "s",
    ".s",
    "1m 1s",
    "0x10s",
  ])("durations: %j", (text) => {
    const ns = parseGoDuration(text);
    if (ns !== undefined && ns >= 0) expect(match(NON_NEGATIVE_DURATION_PATTERN, text)).toBe(true);
    if (ns !== undefined && ns > 0) expect(match(POSITIVE_DURATION_PATTERN, text)).toBe(true);
    // Syntax the patterns take but the check refuses: a value that overflows Go's int64 nanoseconds.
    if (ns === undefined && text !== "99999999999h") expect(match(NON_NEGATIVE_DURATION_PATTERN, text)).toBe(false);
    if (ns !== undefined && ns < 0) expect(match(NON_NEGATIVE_DURATION_PATTERN, text)).toBe(false);
    if (ns === 0) expect(match(POSITIVE_DURATION_PATTERN, text)).toBe(false);
  });

  it.each([
    "env:SLACK_TOKEN",
    "env:_X",
    "env:1X",
    "env:A-B",
    "env:",
    "file:/etc/secrets/slack",
    "file:/etc/app.env:SLACK_TOKEN",
    "file::x",
    "file:/a:",
    "vault:secret/data/slack",
    "vault:a b",
    "k8s:default/slack#token",
    "k8s:default/slack",
    "k8s:a/b#",
    "aws:Ci0KU29tZQ==",
    "aws:!!",
    "gcp:projects/p/locations/l/keyRings/r/cryptoKeys/k:Q2lwaGVy",
    "azure:https://kv.vault.azure.net/secrets/slack",
    "keychain:slack#bot",
    "secretservice:service=slack,user=bot",
    "wincred:slack#utf8",
    "dangerousLiteral:__PLACEHOLDER__",
    "Env:X",
    "foo:bar",
    "SLACK_TOKEN",
    "xoxb-1234567890-abcdefghijkl",
    "",
  ])("secret references: %j", (ref) => {
    for (const allowDangerousLiteral of [false, true]) {
      const valid = checkSecretRef(ref, { allowDangerousLiteral }) === undefined;
      if (valid) expect(match(secretRefPattern(allowDangerousLiteral), ref)).toBe(true);
      if (!/^(?:file|aws|gcp|azure|keychain|secretservice|wincred):./.test(ref)) expect(match(secretRefPattern(allowDangerousLiteral), ref)).toBe(valid);
    }
  });

  it.each([
    "https://api.x.com",
    "http://ex",
    "https://[::1]:80",
    "https://*.example.com",
    "custom+x://h/p",
    "https://ex.com/a b",
    "https://exämple.com",
    "example.com",
    "https://",
    "mailto:a@b",
    "//x.com",
    "https://x y",
    "https://u:p@x.com",
    "https://x.com:abc",
    "https://*",
    "https://x.com/*",
  ])("destinations: %j", (destination) => {
    if (checkDestination(destination) === undefined) expect(match(DESTINATION_PATTERN, destination)).toBe(true);
  });

  it("refuses the plain destination mistakes", () => {
    for (const destination of ["example.com", "https://", "mailto:a@b", "//x.com", "https://x y", "https://u:p@x.com"]) {
      expect(match(DESTINATION_PATTERN, destination), destination).toBe(false);
    }
  });

  it("header names: the required pattern is the check's own; the optional one also takes empty", () => {
    for (const header of ["Authorization", "X-Auth", "X-Hub-Signature-256", "x_y.z"]) {
      expect(match(HEADER_NAME_PATTERN, header)).toBe(true);
      expect(match(OPTIONAL_HEADER_NAME_PATTERN, header)).toBe(true);
    }
    for (const header of ["X Auth", "X-Auth:", "Ä"]) expect(match(OPTIONAL_HEADER_NAME_PATTERN, header)).toBe(false);
    expect([match(HEADER_NAME_PATTERN, ""), match(OPTIONAL_HEADER_NAME_PATTERN, "")]).toEqual([false, true]);
  });
});
