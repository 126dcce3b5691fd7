import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-token", "env:ASANA_TOKEN"];

describe("integrations-plugin-asana", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "asana",
      destination: "https://app.asana.com/api/1.0",
      in_rate_limit: 1500,
      out_rate_limit: 1500,
      rate_limit_window: "1m",
      idle_conn_timeout: "10s",
      outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:ASANA_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flag --token");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "2/1204567890123456/1206543210987654:0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    expect(() => runPlugin(plugin, ["-token", raw])).toThrow(/env:ASANA_TOKEN/);
    expect(() => runPlugin(plugin, ["-token", raw])).not.toThrow(raw);
  });
});
