import { describe, expect, it } from "vitest";
import { INCOMING_AUTH_TYPES, OUTGOING_AUTH_TYPES, authTypesFor } from "./auth-types.js";

/** [type, params in table order, required params] as listed in docs/config-format.md "Auth types and their params". */
const INCOMING: [string, string[], string[]][] = [
  ["token", ["secrets", "header", "prefix"], ["secrets", "header"]],
  ["basic", ["secrets", "header", "prefix"], ["secrets"]],
  ["url_path", ["secrets"], ["secrets"]],
  ["passthrough", [], []],
  ["github_signature", ["secrets", "header", "prefix"], ["secrets"]],
  ["slack_signature", ["secrets", "version", "sig_header", "ts_header", "tolerance"], ["secrets"]],
  ["twilio_signature", ["secrets", "header"], ["secrets"]],
  ["hmac_signature", ["secrets", "header", "prefix", "algo"], ["secrets"]],
  ["jwt", ["secrets", "audience", "issuer", "header", "prefix"], ["secrets"]],
  ["google_oidc", ["audience", "header", "prefix"], ["audience"]],
  ["mtls", ["subjects"], []],
  ["envoy_xfcc", ["allowed_uris", "allowed_uri_prefixes", "ignored_uris", "header"], []],
];

const OUTGOING: [string, string[], string[]][] = [
  ["token", ["secrets", "header", "prefix"], ["secrets", "header"]],
  ["basic", ["secrets", "header", "prefix"], ["secrets"]],
  ["url_path", ["secrets"], ["secrets"]],
  ["passthrough", [], []],
  ["hmac_signature", ["secrets", "header", "prefix", "algo"], ["secrets"]],
  ["jwt", ["secrets", "header", "prefix"], ["secrets"]],
  ["google_oidc", ["audience", "header", "prefix"], ["audience"]],
  ["gcp_token", ["header", "prefix"], []],
  ["azure_managed_identity", ["resource", "client_id", "header", "prefix"], ["resource"]],
  ["mtls", ["cert", "key"], ["cert", "key"]],
  ["find_replace", ["find_secret", "replace_secret"], ["find_secret", "replace_secret"]],
];

describe.each([
  ["incoming", INCOMING_AUTH_TYPES, INCOMING],
  ["outgoing", OUTGOING_AUTH_TYPES, OUTGOING],
] as const)("%s auth types", (direction, table, expected) => {
  it("lists exactly the documented types, in order", () => {
    expect(Object.keys(table)).toEqual(expected.map(([type]) => type));
    expect(authTypesFor(direction)).toBe(table);
  });

  it.each(expected)("%s has params %j, required %j", (type, params, required) => {
    const rules = table[type]!;
    expect(Object.keys(rules)).toEqual(params);
    expect(Object.keys(rules).filter((key) => rules[key]!.required)).toEqual(required);
  });
});

describe("param kinds", () => {
  it("marks secret references, lists, enums and integers", () => {
    expect(INCOMING_AUTH_TYPES.token!.secrets).toEqual({ kind: "secret[]", required: true });
    expect(INCOMING_AUTH_TYPES.mtls!.subjects).toEqual({ kind: "string[]" });
    expect(INCOMING_AUTH_TYPES.slack_signature!.tolerance).toEqual({ kind: "integer", default: 300 });
    expect(INCOMING_AUTH_TYPES.hmac_signature!.algo).toEqual({ kind: "enum", values: ["sha1", "sha256", "sha512"], default: "sha256" });
    expect(OUTGOING_AUTH_TYPES.hmac_signature!.algo).toEqual({ kind: "enum", values: ["sha1", "sha256", "sha512"] });
    expect(OUTGOING_AUTH_TYPES.mtls).toEqual({ cert: { kind: "secret", required: true }, key: { kind: "secret", required: true } });
    expect(OUTGOING_AUTH_TYPES.find_replace!.find_secret!.kind).toBe("secret");
    expect(OUTGOING_AUTH_TYPES.find_replace!.replace_secret!.kind).toBe("secret");
    expect(INCOMING_AUTH_TYPES.jwt!.prefix).toEqual({ kind: "string", default: "Bearer " });
  });

  it("has secret kinds only where the documented table calls for secret references", () => {
    const secretParams = [INCOMING_AUTH_TYPES, OUTGOING_AUTH_TYPES].flatMap((table) =>
      Object.values(table).flatMap((rules) =>
        Object.entries(rules)
          .filter(([, r]) => r.kind.startsWith("secret"))
          .map(([k]) => k),
      ),
    );
    expect([...new Set(secretParams)].sort()).toEqual(["cert", "find_secret", "key", "replace_secret", "secrets"]);
  });
});
