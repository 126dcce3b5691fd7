import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig, domainCases } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-token", "env:CONFLUENCE_TOKEN"];

describe("integrations-plugin-confluence", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "confluence",
      destination: "https://api.atlassian.com",
      in_rate_limit: 100,
      out_rate_limit: 1000,
      rate_limit_window: "1m",
      idle_conn_timeout: "10s",
      outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:CONFLUENCE_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flag --token");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "ATATT3xFfGF0q7Zp2LmN8vKc4RtY6wHs1JdXe9BgUoPa5fQiT3nVy0rM";
    expect(() => runPlugin(plugin, ["-token", raw])).toThrow(/env:CONFLUENCE_TOKEN/);
    expect(() => runPlugin(plugin, ["-token", raw])).not.toThrow(raw);
  });

  it.each(domainCases())("normalises --domain %s to %s", (domain, destination) => {
    expect(runPlugin(plugin, [...required, "-domain", domain]).block.destination).toBe(destination);
  });

  it("refuses a --domain that is not a host", () => {
    expect(() => runPlugin(plugin, [...required, "-domain", "not a host"])).toThrow('--domain: "not a host" is not a host name');
  });
});
