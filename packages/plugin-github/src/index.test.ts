import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-token", "env:GITHUB_TOKEN", "-webhook-secret", "env:GITHUB_WEBHOOK_SECRET"];

describe("integrations-plugin-github", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "github",
      destination: "https://api.github.com",
      in_rate_limit: 5000,
      out_rate_limit: 5000,
      rate_limit_window: "1h",
      idle_conn_timeout: "10s",
      incoming_auth: [{ type: "github_signature", params: { secrets: ["env:GITHUB_WEBHOOK_SECRET"] } }],
      outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "token ", secrets: ["env:GITHUB_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flags --token, --webhook-secret");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "ghp_1234567890abcdefghijklmnopqrstuvwxyz";
    expect(() => runPlugin(plugin, ["-token", raw, "-webhook-secret", "env:S"])).toThrow(/env:GITHUB_TOKEN/);
    expect(() => runPlugin(plugin, ["-token", raw, "-webhook-secret", "env:S"])).not.toThrow(raw);
  });
});
