import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig, domainCases } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-token", "env:ZENDESK_TOKEN"];

describe("integrations-plugin-zendesk", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "zendesk",
      destination: "https://api.zendesk.com",
      in_rate_limit: 400,
      out_rate_limit: 400,
      rate_limit_window: "1m",
      idle_conn_timeout: "10s",
      outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:ZENDESK_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flag --token");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "a3f5c9e1b7d24f6080c1e2d3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b";
    expect(() => runPlugin(plugin, ["-token", raw])).toThrow(/env:ZENDESK_TOKEN/);
    expect(() => runPlugin(plugin, ["-token", raw])).not.toThrow(raw);
  });

  it.each(domainCases())("normalises --domain %s to %s", (domain, destination) => {
    expect(runPlugin(plugin, [...required, "-domain", domain]).block.destination).toBe(destination);
  });

  it("refuses a --domain that is not a host", () => {
    expect(() => runPlugin(plugin, [...required, "-domain", "not a host"])).toThrow('--domain: "not a host" is not a host name');
  });
});
