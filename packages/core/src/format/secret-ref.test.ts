import { describe, expect, it } from "vitest";
import { looksLikeCredential, maskSecret } from "./credentials.js";
import { SECRET_SCHEMES, checkSecretRef, closestMatch } from "./secret-ref.js";

describe("SECRET_SCHEMES", () => {
  it("lists the 11 documented schemes", () => {
    expect([...SECRET_SCHEMES].sort()).toEqual(["aws", "azure", "dangerousLiteral", "env", "file", "gcp", "k8s", "keychain", "secretservice", "vault", "wincred"]);
  });
});

describe("maskSecret", () => {
  it.each([
    ["xoxb-123456789012-abcdefg", "xoxb… (25 chars)"],
    ["hunter2x", "… (8 chars)"],
    ["0123456789abcdef", "0123… (16 chars)"],
    ["abcd", "… (4 chars)"],
    ["a", "… (1 char)"],
    ["", "… (0 chars)"],
  ])("masks %j as %j", (value, masked) => {
    expect(maskSecret(value)).toBe(masked);
  });
});

describe("looksLikeCredential", () => {
  it.each([
    "xoxb-1-2",
    "xoxp-abc",
    "xoxa-1",
    "xoxo-1",
    "xoxs-1",
    "xoxr-1",
    "ghp_abc",
    "gho_abc",
    "ghs_abc",
    "github_pat_11ABC",
    "sk-proj-abc",
    "glpat-xyz",
    "sk_live_abc",
    "rk_live_abc",
    "sk_test_abc",
    "AKIAIOSFODNN7EXAMPLE",
    "SG.abc.def",
    "Zx81mQp4Lr7Tn2Vb9Kc5Wd3", // 23 random-looking characters
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b", // hex digest
  ])("flags %j", (value) => {
    expect(looksLikeCredential(value)).toBe(true);
  });

  it.each(["SLACK_TOKEN", "SLACK_SIGNING_SECRET_VALUE", "my-database-password-here", "short1A", "xoxz-1", "hello world this is text 123"])("does not flag %j", (value) => {
    expect(looksLikeCredential(value)).toBe(false);
  });
});

describe("closestMatch", () => {
  it("finds near misses, case-insensitively, and nothing for far ones", () => {
    expect(closestMatch("envv", SECRET_SCHEMES)).toBe("env");
    expect(closestMatch("ENV", SECRET_SCHEMES)).toBe("env");
    expect(closestMatch("secret-service", SECRET_SCHEMES)).toBe("secretservice");
    expect(closestMatch("dangerousliteral", SECRET_SCHEMES)).toBe("dangerousLiteral");
    expect(closestMatch("admin", SECRET_SCHEMES)).toBeUndefined();
  });
});

describe("checkSecretRef: valid ids", () => {
  it.each([
    "env:SLACK_TOKEN",
    "env:_x",
    "env:ghp_abc123",
    "file:/etc/secrets/slack",
    "file:/etc/app.env:SLACK_TOKEN",
    "file:relative.txt",
    "vault:secret/data/slack",
    "vault:kv/x#field",
    "k8s:default/slack#token",
    "aws:Ci0KU29tZQ==",
    "aws:QUJD",
    "aws:QUI=",
    "gcp:projects/p/locations/l/keyRings/r/cryptoKeys/k:Q2lwaGVy",
    "azure:https://kv.vault.azure.net/secrets/slack",
    "azure:https://kv.vault.azure.net/secrets/slack/0123abcd",
    "azure:https://vault.example.internal/secrets/slack",
    "keychain:slack",
    "keychain:slack#bot",
    "secretservice:service=slack",
    "secretservice:service=slack,user=bot",
    "wincred:slack",
    "wincred:slack#raw",
    "wincred:slack#utf8",
    "wincred:slack#utf16le",
  ])("accepts %j", (value) => {
    expect(checkSecretRef(value)).toBeUndefined();
  });

  it("accepts dangerousLiteral only when allowed", () => {
    expect(checkSecretRef("dangerousLiteral:__PLACEHOLDER__", { allowDangerousLiteral: true })).toBeUndefined();
    expect(checkSecretRef("dangerousLiteral:__PLACEHOLDER__")).toBe(
      "dangerousLiteral: puts the credential in plain text in config.yaml and is refused unless allowed with --allow-dangerous-literal; use a secret reference such as env:SECRET_NAME",
    );
  });
});

describe("checkSecretRef: invalid ids", () => {
  const invalid = (scheme: string, syntax: string, example: string, got: string) => `invalid ${scheme} reference: expected ${syntax}, e.g. ${example}; got ${got}`;
  const ENV = ["an environment variable name (letters, digits and _, not starting with a digit)", "env:SLACK_TOKEN"] as const;
  const FILE = ["PATH or PATH:KEY, both non-empty", "file:/etc/secrets/slack"] as const;
  const K8S = ["NAMESPACE/NAME#KEY, all three non-empty", "k8s:default/slack#token"] as const;
  const AWS = ["standard base64 (nonce followed by AES-GCM ciphertext)", "aws:Ci0KU29tZQ=="] as const;
  const GCP = ["projects/P/locations/L/keyRings/R/cryptoKeys/K:BASE64_CIPHERTEXT", "gcp:projects/p/locations/l/keyRings/r/cryptoKeys/k:Q2lwaGVy"] as const;
  const AZURE = ["an https Key Vault secret URL https://<vault>.vault.azure.net/secrets/<name>[/<version>] without a query", "azure:https://kv.vault.azure.net/secrets/slack"] as const;
  const KEYCHAIN = ["SERVICE or SERVICE#ACCOUNT", "keychain:slack#bot"] as const;
  const SS = ["k=v[,k=v…], both sides non-empty", "secretservice:service=slack,user=bot"] as const;
  const WINCRED = ["TARGET or TARGET#raw|utf8|utf16le", "wincred:slack#utf8"] as const;
  const VAULT = ["a Vault secret path without whitespace", "vault:secret/data/slack"] as const;

  it.each([
    ["env:", invalid("env", ...ENV, "an empty id")],
    ["env:MY-TOKEN", invalid("env", ...ENV, "… (8 chars)")],
    ["env:1TOKEN", invalid("env", ...ENV, "… (6 chars)")],
    ["file:", invalid("file", ...FILE, "an empty id")],
    ["file:/etc/app.env:", invalid("file", ...FILE, "… (13 chars)")],
    ["file::KEY", invalid("file", ...FILE, "… (4 chars)")],
    ["vault:", invalid("vault", ...VAULT, "an empty id")],
    ["vault:secret/my slack", invalid("vault", ...VAULT, "… (15 chars)")],
    ["k8s:default/slack", invalid("k8s", ...K8S, "… (13 chars)")],
    ["k8s:/slack#token", invalid("k8s", ...K8S, "… (12 chars)")],
    ["k8s:default/#token", invalid("k8s", ...K8S, "… (14 chars)")],
    ["k8s:default/slack#", invalid("k8s", ...K8S, "… (14 chars)")],
    ["aws:not base64", invalid("aws", ...AWS, "… (10 chars)")],
    ["aws:QUJ", invalid("aws", ...AWS, "… (3 chars)")],
    ["aws:", invalid("aws", ...AWS, "an empty id")],
    ["gcp:projects/p/locations/l/keyRings/r/cryptoKeys/k", invalid("gcp", ...GCP, "proj… (46 chars)")],
    ["gcp:projects/p/keyRings/r/cryptoKeys/k:Q2lw", invalid("gcp", ...GCP, "proj… (39 chars)")],
    ["gcp:projects/p/locations/l/keyRings/r/cryptoKeys/k:", invalid("gcp", ...GCP, "proj… (47 chars)")],
    ["azure:http://kv.vault.azure.net/secrets/slack", invalid("azure", ...AZURE, "http… (39 chars)")],
    ["azure:https://kv.vault.azure.net/secrets/slack?api-version=7.4", invalid("azure", ...AZURE, "http… (56 chars)")],
    ["azure:https://kv.vault.azure.net/keys/slack", invalid("azure", ...AZURE, "http… (37 chars)")],
    ["azure:https://kv.vault.azure.net/secrets/", invalid("azure", ...AZURE, "http… (35 chars)")],
    ["keychain:", invalid("keychain", ...KEYCHAIN, "an empty id")],
    ["keychain:slack#", invalid("keychain", ...KEYCHAIN, "… (6 chars)")],
    ["keychain:#bot", invalid("keychain", ...KEYCHAIN, "… (4 chars)")],
    ["secretservice:service", invalid("secretservice", ...SS, "… (7 chars)")],
    ["secretservice:service=", invalid("secretservice", ...SS, "… (8 chars)")],
    ["secretservice:service=slack,", invalid("secretservice", ...SS, "… (14 chars)")],
    ["wincred:slack#utf16", invalid("wincred", ...WINCRED, "… (11 chars)")],
    ["wincred:", invalid("wincred", ...WINCRED, "an empty id")],
    ["dangerousLiteral:", invalid("dangerousLiteral", "a non-empty literal value", "dangerousLiteral:__PLACEHOLDER__", "an empty id")],
  ])("refuses %j", (value, message) => {
    expect(checkSecretRef(value)).toBe(message);
  });

  it("masks an invalid id, which may be the credential itself", () => {
    const message = checkSecretRef("env:xoxb-123456789012-abcdefghijk");
    expect(message).toBe(invalid("env", ...ENV, "xoxb… (29 chars)"));
  });
});

describe("checkSecretRef: schemes and raw values", () => {
  it("suggests the closest scheme and is case-sensitive", () => {
    const known = "known schemes (case-sensitive): env, file, vault, k8s, aws, gcp, azure, keychain, secretservice, wincred, dangerousLiteral";
    expect(checkSecretRef("envv:SLACK_TOKEN")).toBe(`unknown secret reference scheme "envv" (did you mean "env"?); ${known}`);
    expect(checkSecretRef("ENV:SLACK_TOKEN")).toBe(`unknown secret reference scheme "ENV" (did you mean "env"?); ${known}`);
    expect(checkSecretRef("DangerousLiteral:x")).toBe(`unknown secret reference scheme "DangerousLiteral" (did you mean "dangerousLiteral"?); ${known}`);
    expect(checkSecretRef("admin:hunter2")).toBe(`is not a secret reference (… (13 chars)): the text before ":" must be a scheme; ${known}; use a secret reference such as env:SECRET_NAME`);
  });

  it.each([
    ["xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "xoxb… (56 chars)", "env:SLACK_TOKEN"],
    ["ghp_16C7e42F292c6912E7710c838347Ae178B4a", "ghp_… (40 chars)", "env:GITHUB_TOKEN"],
    ["github_pat_11AAAAAAA0aaaaaaaaaaaa", "gith… (33 chars)", "env:GITHUB_TOKEN"],
    ["sk-proj-abcdefghijklmnopqrstuvwxyz012345", "sk-p… (40 chars)", "env:OPENAI_API_KEY"],
    ["glpat-xxxxxxxxxxxxxxxxxxxx", "glpa… (26 chars)", "env:GITLAB_TOKEN"],
    ["sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_l… (32 chars)", "env:STRIPE_SECRET_KEY"],
    ["AKIAIOSFODNN7EXAMPLE", "AKIA… (20 chars)", "env:AWS_ACCESS_KEY_ID"],
    ["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", "SG.n… (69 chars)", "env:SENDGRID_API_KEY"],
    ["Zx81mQp4Lr7Tn2Vb9Kc5Wd3", "Zx81… (23 chars)", "env:SECRET_NAME"],
  ])("refuses the raw credential %j, masked", (value, masked, reference) => {
    const message = checkSecretRef(value);
    expect(message).toBe(`looks like a raw credential (${masked}), not a secret reference; use a secret reference such as ${reference}`);
    expect(message).not.toContain(value);
  });

  it("ends with the caller's suggestion when one is given", () => {
    expect(checkSecretRef("xoxb-123456789012-abcdefghijk", { suggestion: "env:SLACK_BOT_TOKEN" })).toBe(
      "looks like a raw credential (xoxb… (29 chars)), not a secret reference; use a secret reference such as env:SLACK_BOT_TOKEN",
    );
    expect(checkSecretRef("hunter2", { suggestion: "env:DB_PASSWORD" })).toBe(
      "is not a secret reference (… (7 chars)): it needs the form <scheme>:<id>; use a secret reference such as env:DB_PASSWORD",
    );
  });

  it("refuses a value without a scheme, masked, and an empty value", () => {
    expect(checkSecretRef("SLACK_TOKEN")).toBe("is not a secret reference (… (11 chars)): it needs the form <scheme>:<id>; use a secret reference such as env:SECRET_NAME");
    expect(checkSecretRef(":SLACK_TOKEN")).toBe("is not a secret reference (… (12 chars)): it needs the form <scheme>:<id>; use a secret reference such as env:SECRET_NAME");
    expect(checkSecretRef("")).toBe("is empty; use a secret reference such as env:SECRET_NAME");
  });

  it("never echoes a dangerousLiteral value", () => {
    const message = checkSecretRef("dangerousLiteral:supersecretvalue");
    expect(message).not.toContain("supersecretvalue");
  });
});
