import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-token", "env:SLACK_TOKEN", "-signing-secret", "env:SLACK_SIGNING_SECRET"];

describe("integrations-plugin-slack", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "slack",
      destination: "https://slack.com/api",
      in_rate_limit: 50,
      out_rate_limit: 50,
      rate_limit_window: "1m",
      idle_conn_timeout: "10s",
      incoming_auth: [{ type: "slack_signature", params: { secrets: ["env:SLACK_SIGNING_SECRET"] } }],
      outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:SLACK_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flags --token, --signing-secret");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "xoxb-1234567890-abcdefghijklmnop";
    expect(() => runPlugin(plugin, ["-token", raw, "-signing-secret", "env:S"])).toThrow(/env:SLACK_TOKEN/);
    expect(() => runPlugin(plugin, ["-token", raw, "-signing-secret", "env:S"])).not.toThrow(raw);
  });
});
