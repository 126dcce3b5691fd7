import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig, domainCases } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-token", "env:SERVICENOW_TOKEN"];

describe("integrations-plugin-servicenow", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "servicenow",
      destination: "https://api.servicenow.com",
      in_rate_limit: 100,
      out_rate_limit: 1000,
      rate_limit_window: "1m",
      idle_conn_timeout: "10s",
      outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:SERVICENOW_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flag --token");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "Xk9vQ2mLp7RtZ4wN8bYc3HsJ6dFgA1eU5iOqW0rTyE";
    expect(() => runPlugin(plugin, ["-token", raw])).toThrow(/env:SERVICENOW_TOKEN/);
    expect(() => runPlugin(plugin, ["-token", raw])).not.toThrow(raw);
  });

  it.each(domainCases())("normalises --domain %s to %s", (domain, destination) => {
    expect(runPlugin(plugin, [...required, "-domain", domain]).block.destination).toBe(destination);
  });

  it("refuses a --domain that is not a host", () => {
    expect(() => runPlugin(plugin, [...required, "-domain", "not a host"])).toThrow('--domain: "not a host" is not a host name');
  });
});
