import { describe, expect, it } from "vitest";
import { containsCredential, isCredential, isCredentialParamName, isTokenRun, looksLikeCredential } from "./credentials.js";

// Credentials are built from parts so that this file holds no credential-shaped literal.
const BODY = "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5";
const PEM = ["-----BEGIN RSA ", "PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw\n-----END RSA ", "PRIVATE KEY-----"].join("");
const JWT = ["ey", "JhbGciOiJIUzI1NiJ9", ".ey", "JzdWIiOiIxMjM0NTY3ODkwIn0", ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"].join("");
const SLACK = ["xo", "xb-", "123456789012-1234567890123-", BODY.slice(0, 24)].join("");
const GITHUB = ["gh", "p_", BODY].join("");
const AWS = ["AK", "IA", "Z7Q2X9M4K8W3N5P6"].join("");
const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b";
const UUID = "8c3f2a1b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const TENANT = "acme-prod-eu-west-1";

describe("isCredential: refused by form, never by entropy alone", () => {
  it.each([
    ["a PEM block", PEM],
    ["a JWT", JWT],
    ["a Slack token", SLACK],
    ["a GitHub token", GITHUB],
    ["an AWS key id", AWS],
  ])("%s is one", (_, value) => {
    expect(isCredential(value)).toBe(true);
  });

  it.each([
    ["a UUID", UUID],
    ["a git SHA", SHA],
    ["a tenant id", TENANT],
    ["a random-looking id", BODY],
    ["a name that starts like a vendor prefix", "sk-prod-integration-slack"],
    ["a short prefixed word", "xoxb-test"],
    ["a JWT-like word without a payload", "eyJhbGciOiJIUzI1NiJ9"],
  ])("%s is not", (_, value) => {
    expect(isCredential(value)).toBe(false);
  });
});

describe("isCredential: a vendor token in its vendor's layout, its random part mixing nothing", () => {
  const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  it.each([
    ["a Slack bot token with a letters-only end", ["xo", "xb-", "1234567890-1234567890123-", LETTERS.slice(0, 24)]],
    ["a short Slack user token", ["xo", "xp-", "1234567890-", "abcdefghijKLMN"]],
    ["a GitHub token of letters", ["gh", "p_", LETTERS.slice(0, 36)]],
    ["an OpenAI key of letters", ["s", "k-", LETTERS.slice(0, 48)]],
    ["a GitLab token of letters", ["gl", "pat-", LETTERS.slice(0, 20)]],
    ["a Stripe key of letters", ["sk", "_live_", LETTERS.slice(0, 24)]],
    ["an AWS key id of letters", ["AK", "IA", LETTERS.slice(26, 42)]],
    ["a SendGrid key of letters", ["S", "G.", LETTERS.slice(0, 22), ".", LETTERS.slice(0, 43)]],
  ])("%s is one, alone and in a prefix", (_, parts) => {
    const token = parts.join("");
    expect(isCredential(token)).toBe(true);
    expect(containsCredential(`Bearer ${token}`)).toBe(true);
  });

  it.each(["xoxb-test", "xoxb-prod-eu", "sk-prod-integration-slack-eu-west-1", "ghp_short", "glpat-x"])("%s is not", (value) => {
    expect(isCredential(value)).toBe(false);
  });
});

describe("containsCredential", () => {
  it("finds a credential among words and a PEM block anywhere", () => {
    expect(containsCredential(`Bearer ${SLACK}`)).toBe(true);
    expect(containsCredential(`token=${GITHUB}`)).toBe(true);
    expect(containsCredential(`key: ${PEM}`)).toBe(true);
    expect(containsCredential(`services/${SLACK}`)).toBe(true);
  });

  it("finds a credential glued to text after a separator", () => {
    for (const value of [`Bearer_${SLACK}`, `Bearer.${GITHUB}`, `token-${AWS}`, `x~${JWT}`, `a+${SLACK}`, `Bearer_${SLACK}_suffix`]) {
      expect(containsCredential(value), value).toBe(true);
    }
  });

  it("leaves names that merely hold a vendor prefix after a separator alone", () => {
    for (const value of ["team_xoxb-test", "my-sk-prod-integration", "task-queue", "build.ghp_short", `tenant_${UUID}`]) {
      expect(containsCredential(value), value).toBe(false);
    }
  });

  it("takes linear time on a long word full of prefixes", () => {
    // 20,000 candidates in 100,000 characters: linear work takes well under a second, quadratic
    // work (each candidate checked to the word's end) billions of steps, far past the time-out.
    expect(containsCredential("_sk-a".repeat(20_000))).toBe(false);
  }, 30_000);

  it("leaves prefixes, header names, tenant ids, UUIDs and SHAs alone", () => {
    for (const value of ["Bearer ", "Basic ", "sha256=", "X-Hub-Signature-256", `tenants/${UUID}`, `commits/${SHA}`, TENANT]) {
      expect(containsCredential(value), value).toBe(false);
    }
  });
});

describe("isCredentialParamName", () => {
  it.each(["key", "api_key", "apiKey", "APIKEY", "token", "access_token", "accessToken", "client_secret", "sig", "X-Amz-Signature", "password", "auth"])("%j names a credential", (name) => {
    expect(isCredentialParamName(name)).toBe(true);
  });

  it.each(["keyword", "monkey", "tokens_per_page", "token_type", "page", "signed", "version", ""])("%j does not", (name) => {
    expect(isCredentialParamName(name)).toBe(false);
  });
});

describe("isTokenRun: masked when printed", () => {
  it.each([
    ["a SHA", SHA],
    ["a UUID", UUID],
    ["32 hex digits", SHA.slice(0, 32)],
    ["random base64url", `${BODY}_x-Y`],
    ["random lower case and digits", BODY.toLowerCase()],
  ])("%s is one", (_, run) => {
    expect(isTokenRun(run)).toBe(true);
  });

  it.each([
    ["a hyphenated package name", "integrations-plugin-servicenow-v2-extended"],
    ["a temp directory", "integrations-test-aB3xYz9QwE"],
    ["a short hex run", SHA.slice(0, 31)],
    ["a camel-case word without digits", "createIntegrationsPluginHandlerForSlack"],
    ["a path", `tmp/${BODY}`],
  ])("%s is not", (_, run) => {
    expect(isTokenRun(run)).toBe(false);
  });
});

describe("looksLikeCredential (where a secret reference is expected)", () => {
  it("takes a PEM block and a JWT for credentials", () => {
    expect(looksLikeCredential(PEM)).toBe(true);
    expect(looksLikeCredential(JWT)).toBe(true);
  });
});
