import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig, domainCases } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-domain", "github.acme.com", "-token", "env:GHE_TOKEN", "-webhook-secret", "env:GHE_WEBHOOK_SECRET"];
const refs = ["-token", "env:GHE_TOKEN", "-webhook-secret", "env:GHE_WEBHOOK_SECRET"];

describe("integrations-plugin-ghe", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "ghe",
      destination: "https://github.acme.com/api/v3",
      in_rate_limit: 100,
      out_rate_limit: 1000,
      rate_limit_window: "1m",
      idle_conn_timeout: "10s",
      incoming_auth: [{ type: "github_signature", params: { secrets: ["env:GHE_WEBHOOK_SECRET"] } }],
      outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "token ", secrets: ["env:GHE_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flags --domain, --token, --webhook-secret");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "ghp_1234567890abcdefghijklmnopqrstuvwxyz";
    const argv = ["-domain", "github.acme.com", "-token", raw, "-webhook-secret", "env:S"];
    expect(() => runPlugin(plugin, argv)).toThrow(/env:GHE_TOKEN/);
    expect(() => runPlugin(plugin, argv)).not.toThrow(raw);
  });

  it.each(domainCases("/api/v3"))("normalises --domain %s to %s", (domain, destination) => {
    expect(runPlugin(plugin, [...refs, "-domain", domain]).block.destination).toBe(destination);
  });

  it("refuses a --domain that is not a host", () => {
    expect(() => runPlugin(plugin, [...refs, "-domain", "not a host"])).toThrow('--domain: "not a host" is not a host name');
  });
});
