import { describe, expect, it } from "vitest";
import { maskLiterals, maskLiteralsInText, maskSecretValue, maskSecretsInMessage } from "./mask.js";
import { checkSecretRef, idLooksLikeCredential } from "./secret-ref.js";

// Tokens are built from parts so that this file holds no credential-shaped literal.
const SLACK = ["xo", "xb-", "123456789012-", "AbCdEfGhIjKlMnOpQrStUv"].join("");
const GITHUB = ["gh", "p_", "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5"].join("");
const RANDOM = "Zx81mQp4Lr7Tn2Vb9Kc5Wd3Yh6Jf0Gs";

describe("maskSecretValue", () => {
  it.each([
    [`dangerousLiteral:${SLACK}`, "dangerousLiteral:xoxb… (40 chars)"],
    [SLACK, "xoxb… (40 chars)"],
    [RANDOM, "Zx81… (31 chars)"],
    [`env:${GITHUB}`, "env:ghp_… (40 chars)"],
    [`env:${RANDOM}`, "env:Zx81… (31 chars)"],
    [`https://bot:${RANDOM}@api.example.com/v1?page=2&api_key=${GITHUB}`, "https://…@api.example.com/v1?page=2&api_key=…"],
  ])("masks %j", (value, masked) => {
    expect(maskSecretValue(value)).toBe(masked);
  });

  it.each(["env:SLACK_TOKEN", "aws:Q2lwaGVydGV4dE9mQUVTR0NNMTIzNDU2Nzg5MA==", "vault:secret/data/slack", "https://api.example.com/v1?page=2", "integrations-plugin-slack", "1m"])("leaves %j alone", (value) => {
    expect(maskSecretValue(value)).toBe(value);
  });
});

describe("maskLiteralsInText and maskLiterals", () => {
  it("mask every scalar of a diff but its header lines", () => {
    const diff = `--- a/config.yaml\n+++ b/config.yaml\n@@ -1,2 +1,3 @@\n-            - ${SLACK}\n+          prefix: "Bearer ${GITHUB}"\n+            - env:OK\n`;
    const masked = maskLiteralsInText(diff);
    expect(masked).toBe(`--- a/config.yaml\n+++ b/config.yaml\n@@ -1,2 +1,3 @@\n-            - xoxb… (40 chars)\n+          prefix: "Bearer ghp_… (40 chars)"\n+            - env:OK\n`);
  });

  it("mask strings at any depth", () => {
    expect(maskLiterals({ a: [{ secrets: [SLACK, "env:A"] }], n: 1 })).toEqual({ a: [{ secrets: ["xoxb… (40 chars)", "env:A"] }], n: 1 });
  });
});

describe("maskSecretsInMessage", () => {
  it("masks known tokens, literals and URL credentials, and leaves temp paths alone", () => {
    const path = "/tmp/integrations-test-aB3xYz9QwE/config.yaml";
    expect(maskSecretsInMessage(`${path}:3: got ${SLACK} and dangerousLiteral:hunter2 at https://u:p@x.example.com/?token=abc`))
      .toBe(`${path}:3: got xoxb… (40 chars) and dangerousLiteral:… (7 chars) at https://…@x.example.com/?token=…`);
  });
});

describe("references whose id is the credential itself", () => {
  it("are refused by checkSecretRef; short or plain names are not", () => {
    expect(idLooksLikeCredential(GITHUB, "env")).toBe(true);
    expect(idLooksLikeCredential(RANDOM, "env")).toBe(true);
    expect(idLooksLikeCredential(RANDOM, "aws")).toBe(false);
    expect(checkSecretRef(`env:${GITHUB}`)).toMatch(/^the env id looks like the credential itself \(ghp_… \(40 chars\)\)/);
    expect(checkSecretRef(`vault:${GITHUB}`)).toMatch(/looks like the credential itself/);
    for (const ok of ["env:SLACK_TOKEN", "env:ghp_abc123", "env:AWS_ACCESS_KEY_ID_2024", "vault:kv/data/MyApp2/SlackToken"]) expect(checkSecretRef(ok)).toBeUndefined();
  });
});
