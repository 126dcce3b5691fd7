import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-token", "env:LINEAR_TOKEN"];

describe("integrations-plugin-linear", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "linear",
      destination: "https://api.linear.app",
      in_rate_limit: 2500,
      out_rate_limit: 2500,
      rate_limit_window: "1h",
      idle_conn_timeout: "10s",
      outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:LINEAR_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flag --token");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "lin_api_8fK2pQ7vXr3nT9wLm4ZbY6cJh1sDg0aEuVoRiNq5";
    expect(() => runPlugin(plugin, ["-token", raw])).toThrow(/env:LINEAR_TOKEN/);
    expect(() => runPlugin(plugin, ["-token", raw])).not.toThrow(raw);
  });
});
