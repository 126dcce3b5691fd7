import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig, domainCases } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-domain", "acme.okta.com", "-token", "env:OKTA_TOKEN"];

describe("integrations-plugin-okta", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "okta",
      destination: "https://acme.okta.com/api/v1",
      in_rate_limit: 100,
      out_rate_limit: 1000,
      rate_limit_window: "1m",
      idle_conn_timeout: "10s",
      outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "SSWS ", secrets: ["env:OKTA_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flags --domain, --token");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "00aB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4yZ5a";
    expect(() => runPlugin(plugin, ["-domain", "acme.okta.com", "-token", raw])).toThrow(/env:OKTA_TOKEN/);
    expect(() => runPlugin(plugin, ["-domain", "acme.okta.com", "-token", raw])).not.toThrow(raw);
  });

  it.each(domainCases("/api/v1"))("normalises --domain %s to %s", (domain, destination) => {
    expect(runPlugin(plugin, ["-token", "env:OKTA_TOKEN", "-domain", domain]).block.destination).toBe(destination);
  });

  it("refuses a --domain that is not a host", () => {
    expect(() => runPlugin(plugin, ["-token", "env:OKTA_TOKEN", "-domain", "not a host"])).toThrow('--domain: "not a host" is not a host name');
  });
});
