import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-token", "env:PAGERDUTY_TOKEN"];

describe("integrations-plugin-pagerduty", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "pagerduty",
      destination: "https://api.pagerduty.com",
      in_rate_limit: 960,
      out_rate_limit: 960,
      rate_limit_window: "1m",
      idle_conn_timeout: "10s",
      outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Token token=", secrets: ["env:PAGERDUTY_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flag --token");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "u+K7xQ2mZp9RtLw4VbN8";
    expect(() => runPlugin(plugin, ["-token", raw])).toThrow(/env:PAGERDUTY_TOKEN/);
    expect(() => runPlugin(plugin, ["-token", raw])).not.toThrow(raw);
  });
});
