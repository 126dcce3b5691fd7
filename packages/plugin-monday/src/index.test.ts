import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-token", "env:MONDAY_TOKEN"];

describe("integrations-plugin-monday", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "monday",
      destination: "https://api.monday.com/v2",
      in_rate_limit: 1000,
      out_rate_limit: 1000,
      rate_limit_window: "24h",
      idle_conn_timeout: "10s",
      outgoing_auth: [{ type: "token", params: { header: "Authorization", secrets: ["env:MONDAY_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flag --token");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOjMxNDE1OTI2NSwiYWFpIjoxMSwidWlkIjo0MjQyNDJ9.q3Xb7Kp9LmZ2vR8tYw1NcF4hJs6DgA0eUoPiTn5rWkE";
    expect(() => runPlugin(plugin, ["-token", raw])).toThrow(/env:MONDAY_TOKEN/);
    expect(() => runPlugin(plugin, ["-token", raw])).not.toThrow(raw);
  });
});
