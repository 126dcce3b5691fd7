import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-token", "env:STRIPE_TOKEN"];

describe("integrations-plugin-stripe", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "stripe",
      destination: "https://api.stripe.com",
      in_rate_limit: 100,
      out_rate_limit: 100,
      rate_limit_window: "1s",
      idle_conn_timeout: "10s",
      outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:STRIPE_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flag --token");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "sk_live_51H8xKzLq2RfT9vWmN3pYbC7dJ0eG4hA6sQ";
    expect(() => runPlugin(plugin, ["-token", raw])).toThrow(/env:STRIPE_TOKEN/);
    expect(() => runPlugin(plugin, ["-token", raw])).not.toThrow(raw);
  });
});
