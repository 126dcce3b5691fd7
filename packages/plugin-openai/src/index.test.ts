import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-token", "env:OPENAI_TOKEN"];

describe("integrations-plugin-openai", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "openai",
      destination: "https://api.openai.com",
      in_rate_limit: 100,
      out_rate_limit: 1000,
      rate_limit_window: "1m",
      idle_conn_timeout: "10s",
      outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:OPENAI_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flag --token");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "sk-proj-Q7vXr3nT9wLm4ZbY6cJh1sDg0aEuVoRiNq5K8fP2T3BlbkFJz4Wm9Hc7Ld1Rs";
    expect(() => runPlugin(plugin, ["-token", raw])).toThrow(/env:OPENAI_TOKEN/);
    expect(() => runPlugin(plugin, ["-token", raw])).not.toThrow(raw);
  });
});
