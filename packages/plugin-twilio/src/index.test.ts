import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-token", "env:TWILIO_TOKEN"];

describe("integrations-plugin-twilio", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "twilio",
      destination: "https://api.twilio.com",
      in_rate_limit: 100,
      out_rate_limit: 1000,
      rate_limit_window: "1m",
      idle_conn_timeout: "10s",
      outgoing_auth: [{ type: "basic", params: { secrets: ["env:TWILIO_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flag --token");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "AC3f9a1c7e52b84d06a9e1f7c23b5d8e41:8d2b6f0a4c9e17b35f8a2d6c0e4b9173";
    expect(() => runPlugin(plugin, ["-token", raw])).toThrow(/env:TWILIO_TOKEN/);
    expect(() => runPlugin(plugin, ["-token", raw])).not.toThrow(raw);
  });
});
