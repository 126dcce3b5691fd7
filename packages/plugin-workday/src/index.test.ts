import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig, domainCases } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-domain", "wd2-impl-services1.workday.com", "-token", "env:WORKDAY_TOKEN"];

describe("integrations-plugin-workday", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "workday",
      destination: "https://wd2-impl-services1.workday.com/api",
      in_rate_limit: 100,
      out_rate_limit: 1000,
      rate_limit_window: "1m",
      idle_conn_timeout: "10s",
      outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:WORKDAY_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flags --domain, --token");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "q7Xk2mB9vR4tLw8ZcN3pYh6DfJ1sGa5eUo0iKbTz";
    expect(() => runPlugin(plugin, ["-domain", "x.example.com", "-token", raw])).toThrow(/env:WORKDAY_TOKEN/);
    expect(() => runPlugin(plugin, ["-domain", "x.example.com", "-token", raw])).not.toThrow(raw);
  });

  it.each(domainCases("/api"))("normalises --domain %s to %s", (domain, destination) => {
    expect(runPlugin(plugin, ["-token", "env:WORKDAY_TOKEN", "-domain", domain]).block.destination).toBe(destination);
  });

  it("refuses a --domain that is not a host", () => {
    expect(() => runPlugin(plugin, ["-token", "env:WORKDAY_TOKEN", "-domain", "not a host"])).toThrow('--domain: "not a host" is not a host name');
  });
});
