// The 21 built-in integrations through the built CLI, against the blocks they must write, written out
// here independently of the plugins' code: destination, auth types, headers and prefixes (trailing
// spaces included), required flags, and --domain normalisation.
import { describe, expect, it } from "vitest";
import { assertValidConfig, configSandbox, parseYaml, addedToNewFile } from "@integrations/test-utils";

type Auth = { type: string; params: Record<string, unknown> };
interface Spec {
  /** Required flags, in the order the plugin declares them, with the reference each test passes. */
  required: Record<string, string>;
  destination: string;
  incoming?: Auth[];
  outgoing: Auth[];
  /** For --domain integrations: the suffix after the normalised domain, and whether --domain is required. */
  domain?: { suffix: string; required: boolean };
}

const token = (ref: string, prefix?: string, header = "Authorization"): Auth => ({
  type: "token",
  params: { header, ...(prefix === undefined ? {} : { prefix }), secrets: [ref] },
});

const SPEC: Record<string, Spec> = {
  asana: { required: { token: "env:T" }, destination: "https://app.asana.com/api/1.0", outgoing: [token("env:T", "Bearer ")] },
  confluence: { required: { token: "env:T" }, destination: "https://api.atlassian.com", outgoing: [token("env:T", "Bearer ")], domain: { suffix: "", required: false } },
  ghe: {
    required: { domain: "ghe.example.com", token: "env:T", "webhook-secret": "env:W" },
    destination: "https://ghe.example.com/api/v3",
    incoming: [{ type: "github_signature", params: { secrets: ["env:W"] } }],
    outgoing: [token("env:T", "token ")],
    domain: { suffix: "/api/v3", required: true },
  },
  github: {
    required: { token: "env:T", "webhook-secret": "env:W" },
    destination: "https://api.github.com",
    incoming: [{ type: "github_signature", params: { secrets: ["env:W"] } }],
    outgoing: [token("env:T", "token ")],
  },
  gitlab: { required: { token: "env:T" }, destination: "https://gitlab.com/api/v4", outgoing: [token("env:T", undefined, "PRIVATE-TOKEN")], domain: { suffix: "/api/v4", required: false } },
  jira: { required: { token: "env:T" }, destination: "https://api.atlassian.com", outgoing: [token("env:T", "Bearer ")], domain: { suffix: "", required: false } },
  linear: { required: { token: "env:T" }, destination: "https://api.linear.app", outgoing: [token("env:T", "Bearer ")] },
  monday: { required: { token: "env:T" }, destination: "https://api.monday.com/v2", outgoing: [token("env:T")] },
  okta: { required: { domain: "acme.okta.com", token: "env:T" }, destination: "https://acme.okta.com/api/v1", outgoing: [token("env:T", "SSWS ")], domain: { suffix: "/api/v1", required: true } },
  openai: { required: { token: "env:T" }, destination: "https://api.openai.com", outgoing: [token("env:T", "Bearer ")] },
  sendgrid: { required: { token: "env:T" }, destination: "https://api.sendgrid.com", outgoing: [token("env:T", "Bearer ")] },
  servicenow: { required: { token: "env:T" }, destination: "https://api.servicenow.com", outgoing: [token("env:T", "Bearer ")], domain: { suffix: "", required: false } },
  slack: {
    required: { token: "env:T", "signing-secret": "env:S" },
    destination: "https://slack.com/api",
    incoming: [{ type: "slack_signature", params: { secrets: ["env:S"] } }],
    outgoing: [token("env:T", "Bearer ")],
  },
  stripe: { required: { token: "env:T" }, destination: "https://api.stripe.com", outgoing: [token("env:T", "Bearer ")] },
  trufflehog: { required: { token: "env:T" }, destination: "https://trufflehog.cloud/api", outgoing: [token("env:T", "Bearer ")] },
  twilio: { required: { token: "env:T" }, destination: "https://api.twilio.com", outgoing: [{ type: "basic", params: { secrets: ["env:T"] } }] },
  workday: { required: { domain: "wd.example.com", token: "env:T" }, destination: "https://wd.example.com/api", outgoing: [token("env:T", "Bearer ")], domain: { suffix: "/api", required: true } },
  zendesk: { required: { token: "env:T" }, destination: "https://api.zendesk.com", outgoing: [token("env:T", "Bearer ")], domain: { suffix: "", required: false } },
  datadog: {
    required: { "api-key": "env:A", "app-key": "env:P" },
    destination: "https://api.datadoghq.com",
    outgoing: [token("env:A", undefined, "DD-API-KEY"), token("env:P", undefined, "DD-APPLICATION-KEY")],
  },
  pagerduty: { required: { token: "env:T" }, destination: "https://api.pagerduty.com", outgoing: [token("env:T", "Token token=")] },
  gdrive: { required: {}, destination: "https://www.googleapis.com/drive/v3", outgoing: [{ type: "gcp_token", params: {} }] },
};

const flagsOf = (values: Record<string, string>) => Object.entries(values).flatMap(([flag, value]) => [`-${flag}`, value]);

function add(name: string, flags: string[]) {
  const box = configSandbox();
  const result = box.run(name, "-file", "config.yaml", ...flags);
  return { box, result };
}

function writtenBlock(text: string): Record<string, unknown> {
  assertValidConfig(text);
  const { integrations } = parseYaml(text) as { integrations: Record<string, unknown>[] };
  expect(integrations).toHaveLength(1);
  return integrations[0]!;
}

describe.each(Object.entries(SPEC))("%s", (name, spec) => {
  it("writes the expected destination and auth entries on a missing file", () => {
    const { box, result } = add(name, flagsOf(spec.required));
    expect(result).toMatchObject({ code: 0, stdout: addedToNewFile("config.yaml", box.text()) });
    const block = writtenBlock(box.text());
    expect(block.name).toBe(name);
    expect(block.destination).toBe(spec.destination);
    expect(block.incoming_auth).toEqual(spec.incoming);
    expect(block.outgoing_auth).toEqual(spec.outgoing);
    for (const key of ["in_rate_limit", "out_rate_limit", "rate_limit_window", "idle_conn_timeout"]) expect(block).toHaveProperty(key);
  });

  it.each(Object.keys(spec.required))("exits 2 naming --%s when it is left out", (flag) => {
    const rest = Object.fromEntries(Object.entries(spec.required).filter(([key]) => key !== flag));
    const { box, result } = add(name, flagsOf(rest));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`missing required flags? .*--${flag}\\b`));
    expect(box.entries()).toEqual([]);
  });

  if (spec.domain) {
    const { suffix } = spec.domain;
    it.each([
      ["x.example.com", "https://x.example.com"],
      ["x.example.com/", "https://x.example.com"],
      ["https://x.example.com/", "https://x.example.com"],
      ["http://x.example.com", "http://x.example.com"],
    ])("--domain %s gives %s + the suffix", (domain, base) => {
      const { box, result } = add(name, flagsOf({ ...spec.required, domain }));
      expect(result.code).toBe(0);
      expect(writtenBlock(box.text()).destination).toBe(base + suffix);
    });

    it("refuses --domain 'not a host'", () => {
      const { box, result } = add(name, flagsOf({ ...spec.required, domain: "not a host" }));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("--domain");
      expect(box.entries()).toEqual([]);
    });
  }
});

it("covers every built-in the CLI ships", () => {
  const box = configSandbox();
  const rows = JSON.parse(box.run("list", "--json").stdout) as { integration: string; source: string; status: string }[];
  const builtins = rows.filter((row) => row.source === "builtin");
  expect(builtins.map((row) => row.integration).sort()).toEqual(Object.keys(SPEC).sort());
  expect(builtins.every((row) => row.status === "ok")).toBe(true);
});
