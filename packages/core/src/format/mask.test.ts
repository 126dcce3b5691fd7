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

  it.each(["env:SLACK_TOKEN", "aws:Q2lwaGVydGV4dE9mQUVTR0NNMTIzNDU2Nzg5MA==", "vault:secret/data/slack", "https://api.example.com/v1?page=2", "integrations-plugin-slack", "1m"])(
    "leaves %j alone",
    (value) => {
      expect(maskSecretValue(value)).toBe(value);
    },
  );
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
    expect(maskSecretsInMessage(`${path}:3: got ${SLACK} and dangerousLiteral:hunter2 at https://u:p@x.example.com/?token=abc`)).toBe(
      `${path}:3: got xoxb… (40 chars) and dangerousLiteral:… (7 chars) at https://…@x.example.com/?token=…`,
    );
  });
});

describe("a token after a name and `=` in free text", () => {
  it("is masked, as a plugin's own error message may write it; other pairs stay", () => {
    const slackLayout = ["xo", "xb-", "1234567890-", "1234567890123-", "abcdefghijklmnopqrstuvwx"].join("");
    expect(maskSecretsInMessage(`plugin x cannot be loaded: Error: token=${slackLayout}`)).toBe("plugin x cannot be loaded: Error: token=xoxb… (54 chars)");
    expect(maskSecretsInMessage("page=2 mode=fast env:SLACK_TOKEN")).toBe("page=2 mode=fast env:SLACK_TOKEN");
  });

  it("is masked glued to text too (`Bearer_xoxb-…`); a name holding a prefix stays", () => {
    const slackLayout = ["xo", "xb-", "1234567890-", "1234567890123-", "abcdefghijklmnopqrstuvwx"].join("");
    expect(maskSecretsInMessage(`upstream said: Bearer_${slackLayout} rejected`)).toBe("upstream said: Bear… (61 chars) rejected");
    expect(maskSecretsInMessage("queue team_xoxb-test is empty")).toBe("queue team_xoxb-test is empty");
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

describe("PEM blocks, JWTs, URL paths and fragments, hex and base64url runs", () => {
  const PEM_BODY = ["MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw", "7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tF", "czGkPLPg=="];
  const PEM = ["-----BEGIN RSA ", "PRIVATE KEY-----\n", PEM_BODY.join("\n"), "\n-----END RSA ", "PRIVATE KEY-----"].join("");
  const JWT = ["ey", "JhbGciOiJIUzI1NiJ9", ".ey", "JzdWIiOiIxMjM0NTY3ODkwIn0", ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"].join("");
  const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b";
  const hidden = (text: string) => {
    for (const line of PEM_BODY) expect(text).not.toContain(line.slice(0, 8));
    expect(text).not.toContain("END RSA");
  };

  it("a PEM block in a block scalar of a diff: every line masked, the diff's shape kept", () => {
    const diff = `@@ -1,6 +1,0 @@\n-  - name: x\n-    prefix: |\n-      ${PEM.split("\n").join("\n-      ")}\n-    header: X-Auth\n`;
    const masked = maskLiteralsInText(diff);
    hidden(masked);
    expect(masked.split("\n")).toHaveLength(diff.split("\n").length);
    expect(masked).toContain("-    header: X-Auth");
  });

  it("a PEM block in a quoted scalar, in a message and in a stack trace", () => {
    const quoted = `    prefix: "${PEM.replaceAll("\n", "\\n")}"`;
    hidden(maskLiteralsInText(quoted));
    hidden(maskSecretsInMessage(`unknown flag ${PEM} (see: integrations slack --help)`));
    expect(maskSecretsInMessage(`unknown flag ${PEM} (see: integrations slack --help)`)).toMatch(/^unknown flag ----… \(\d+ chars\) \(see: integrations slack --help\)$/);
  });

  it("a JWT, a SHA and a UUID in a message; a temp path is left alone", () => {
    const path = "/tmp/integrations-test-aB3xYz9QwE/config.yaml";
    const message = maskSecretsInMessage(`${path}: got ${JWT} at ${SHA} for 8c3f2a1b-4d5e-4f60-8a7b-9c0d1e2f3a4b`);
    expect(message).toBe(`${path}: got eyJh… (${JWT.length} chars) at 9f86… (40 chars) for 8c3f… (36 chars)`);
  });

  it.each([
    [`https://hooks.slack.com/services/${SLACK}`, "https://hooks.slack.com/services/…"],
    ["https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/Zx81mQp4Lr7Tn2Vb9Kc5Wd3Y", "https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/…"],
    [`https://app.example.com/cb#access_token=${RANDOM}&state=1`, "https://app.example.com/cb#access_token=…&state=1"],
    [`https://app.example.com/cb#${JWT}`, "https://app.example.com/cb#…"],
    [`https://api.example.com/repos/${SHA}/v1`, "https://api.example.com/repos/…/v1"],
  ])("masks the credential parts of %j", (url, masked) => {
    expect(maskSecretValue(url)).toBe(masked);
    expect(maskSecretsInMessage(`destination ${url} refused`)).toBe(`destination ${masked} refused`);
  });

  it.each(["https://api.example.com/tenants/acme-prod-eu/v2/chat.postMessage?page=2#section"])("leaves %j alone", (url) => {
    expect(maskSecretValue(url)).toBe(url);
  });
});
