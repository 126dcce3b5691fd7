import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateConfig, validateIntegration } from "./validate.js";

const REFERENCE = new URL("../../../../../shared/reference/authtranslator/", import.meta.url);
const base = { name: "example", destination: "https://api.example.com" };

describe("validateConfig on the proxy's own example files", () => {
  it.each(["conf-config.yaml", "examples-config.yaml"])("%s validates clean", (file) => {
    const value = parse(readFileSync(new URL(file, REFERENCE), "utf8"), { merge: true });
    const result = validateConfig(value);
    expect(result.errors).toEqual([]);
    expect(result.value).toEqual(value);
  });

  it("honours YAML merge keys", () => {
    const text = ["defaults: &d", "  rate_limit_window: 1m", "  in_rate_limit: 10", "integrations:", "  - <<: *d", "    name: merged", "    destination: https://api.example.com"].join("\n");
    const { defaults: _defaults, ...config } = parse(text, { merge: true }) as Record<string, unknown>;
    expect(validateConfig(config).errors).toEqual([]);
    expect(validateConfig(config).value?.integrations[0]?.rate_limit_window).toBe("1m");
  });
});

describe("validateConfig reports every problem at once", () => {
  it("with exact dotted paths", () => {
    const config = {
      integrations: [
        { name: "ok", destination: "https://ok.example.com" },
        { name: "Slack", destination: "https://slack.com/api" },
        { name: "bad name!", destination: "example.com", rate_limit_window: "0s", idle_conn_timeout: "1d", max_idle_conns_per_host: -2 },
        {
          name: "auth",
          destination: "https://api.example.com",
          outgoing_auth: [
            { type: "passthrough", params: {} },
            { type: "token", params: { secrets: ["env:OK", "vault:", "envv:X"], header: "Authorization" } },
          ],
          incoming_auth: [{ type: "slack_signature", params: { secrets: ["env:S"], tolerance: 1.5 } }],
        },
        { name: "slack", destination: "https://slack.com/api", in_rate_limit: "100" },
      ],
    };
    expect(validateConfig(config).errors).toEqual([
      `integrations[2].name: "bad name!" may contain only letters, digits, ".", "_" and "-"; e.g. bad-name`,
      `integrations[2].destination: "example.com" has no scheme; write it as https://example.com`,
      "integrations[2].rate_limit_window: must be greater than 0, e.g. 1m",
      `integrations[2].idle_conn_timeout: "1d" is not a Go duration; write e.g. 30s, 1m or 1h30m (units ns, us, ms, s, m, h)`,
      "integrations[2].max_idle_conns_per_host: must be 0 or more",
      "integrations[3].incoming_auth[0].params.tolerance: must be an integer, not 1.5",
      "integrations[3].outgoing_auth[1].params.secrets[1]: invalid vault reference: expected a Vault secret path without whitespace, e.g. vault:secret/data/slack; got an empty id",
      `integrations[3].outgoing_auth[1].params.secrets[2]: unknown secret reference scheme "envv" (did you mean "env"?); known schemes (case-sensitive): env, file, vault, k8s, aws, gcp, azure, keychain, secretservice, wincred, dangerousLiteral`,
      "integrations[4].in_rate_limit: must be an integer, not a string",
      `integrations[4].name: "slack" duplicates integrations[1] (names are unique case-insensitively)`,
    ]);
  });

  it("uses the message of rule 3 for duplicates", () => {
    const integrations = ["a", "Slack", "b", "c", "Slack"].map((name) => ({ ...base, name }));
    expect(validateConfig({ integrations }).errors).toEqual([`integrations[4].name: "Slack" duplicates integrations[1] (names are unique case-insensitively)`]);
  });

  it("describes a file without a list", () => {
    expect(validateConfig(null).errors).toEqual(["must be a map (key: value), not null (empty)"]);
    expect(validateConfig({}).errors).toEqual(["integrations: is required"]);
    expect(validateConfig({ integrations: null }).errors).toEqual(["integrations: must be a list, not null (empty)"]);
    expect(validateConfig({ integrations: [], extra: 1 }).errors).toEqual([`unknown key "extra"; allowed keys: integrations`]);
  });
});

describe("validateIntegration", () => {
  it("prefixes paths with options.path, or starts them at the field", () => {
    const block = { name: "x", destination: "https://", max_idle_conns: "5" };
    expect(validateIntegration(block, { path: "integrations[3]" }).errors).toEqual([
      `integrations[3].destination: "https://" has no host; write it as https://host, e.g. https://api.example.com`,
      "integrations[3].max_idle_conns: must be an integer, not a string",
    ]);
    expect(validateIntegration(block).errors[0]).toMatch(/^destination: "https:\/\/" has no host/);
  });

  it("returns the value only when valid", () => {
    expect(validateIntegration(base)).toEqual({ value: base, errors: [] });
    expect(validateIntegration({ name: "x" })).toEqual({ errors: ["destination: is required"] });
  });

  it.each([
    ["", `name: must not be empty; use letters, digits, ".", "_" and "-"`],
    ["slack bot", `name: "slack bot" may contain only letters, digits, ".", "_" and "-"; e.g. slack-bot`],
    ["slack/bot", `name: "slack/bot" may contain only letters, digits, ".", "_" and "-"; e.g. slack-bot`],
  ])("refuses the name %j", (name, error) => {
    expect(validateIntegration({ ...base, name }).errors).toEqual([error]);
  });

  it.each(["a", "Slack", "my.app_v2-x", "0"])("accepts the name %j", (name) => {
    expect(validateIntegration({ ...base, name }).errors).toEqual([]);
  });

  it("checks durations: window > 0, timeouts ≥ 0, strings only", () => {
    const ok = { rate_limit_window: "500ms", idle_conn_timeout: "0", tls_handshake_timeout: "0s", response_header_timeout: "1h" };
    expect(validateIntegration({ ...base, ...ok }).errors).toEqual([]);
    const bad = { rate_limit_window: "0", idle_conn_timeout: "-1s", tls_handshake_timeout: 10, response_header_timeout: "10" };
    expect(validateIntegration({ ...base, ...bad }).errors).toEqual([
      "rate_limit_window: must be greater than 0, e.g. 1m",
      "idle_conn_timeout: must not be negative; use 0s for no timeout",
      `tls_handshake_timeout: must be a Go duration string such as "30s" or "1m" (quote a bare number: "0s")`,
      `response_header_timeout: "10" is not a Go duration; write e.g. 30s, 1m or 1h30m (units ns, us, ms, s, m, h)`,
    ]);
  });

  it("checks integers, booleans and the strategy", () => {
    const block = { ...base, in_rate_limit: 0, out_rate_limit: 2.5, max_idle_conns: -1, tls_insecure_skip_verify: "yes", rate_limit_strategy: "sliding" };
    expect(validateIntegration(block).errors).toEqual([
      "out_rate_limit: must be an integer, not 2.5",
      `rate_limit_strategy: must be one of fixed_window, token_bucket, leaky_bucket, not "sliding"`,
      "tls_insecure_skip_verify: must be true or false, not a string",
      "max_idle_conns: must be 0 or more",
    ]);
  });

  it("accepts dangerousLiteral only when asked", () => {
    const block = { ...base, outgoing_auth: [{ type: "url_path", params: { secrets: ["dangerousLiteral:abc123secret"] } }] };
    expect(validateIntegration(block, { allowDangerousLiteral: true }).errors).toEqual([]);
    expect(validateIntegration(block).errors).toEqual([
      "outgoing_auth[0].params.secrets[0]: dangerousLiteral: puts the credential in plain text in config.yaml and is refused unless allowed with --allow-dangerous-literal; use a secret reference such as env:SECRET_NAME",
    ]);
  });
});

describe("masking", () => {
  const RAW = [
    "xoxb-123456789012-1234567890123-AbCdEfGhIjKl",
    "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
    "sk-proj-abcdefghijklmnopqrstuvwxyz012345",
    "glpat-AbCdEfGhIjKlMnOpQrSt",
    "hunter2-password",
    "admin:hunter2-password",
  ];

  it("never echoes a raw credential, wherever it is written", () => {
    const integrations = RAW.map((raw, i) => {
      // Fields that never hold secrets echo what they were given, unless it looks like a credential.
      const tokenLike = i < 4 ? raw : "x";
      return {
        name: i === 0 ? raw : `i${i}`,
        destination: `https://user:${raw}@api.example.com/?token=${raw}`,
        rate_limit_window: tokenLike,
        rate_limit_strategy: tokenLike,
        incoming_auth: [{ type: "token", params: { secrets: [raw, `env:${raw}`], header: "X-Auth" } }],
        outgoing_auth: [
          { type: "mtls", params: { cert: raw, key: `dangerousLiteral:${raw}` } },
          { type: "find_replace", params: { find_secret: `vault:${raw} x`, replace_secret: `k8s:${raw}` } },
        ],
      };
    });
    const { errors } = validateConfig({ integrations });
    expect(errors.length).toBeGreaterThanOrEqual(RAW.length * 8);
    for (const raw of RAW) {
      for (const error of errors) expect(error).not.toContain(raw);
    }
    expect(errors).toContain(
      "integrations[1].incoming_auth[0].params.secrets[0]: looks like a raw credential (ghp_… (40 chars)), not a secret reference; use a secret reference such as env:GITHUB_TOKEN",
    );
    expect(errors).toContain(
      "integrations[4].outgoing_auth[0].params.cert: is not a secret reference (hunt… (16 chars)): it needs the form <scheme>:<id>; use a secret reference such as env:SECRET_NAME",
    );
  });
});
