import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig } from "@integrations/test-utils";
import plugin from "./index.js";

const required: string[] = [];

describe("integrations-plugin-gdrive", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "gdrive",
      destination: "https://www.googleapis.com/drive/v3",
      in_rate_limit: 100,
      out_rate_limit: 1000,
      rate_limit_window: "1m",
      idle_conn_timeout: "10s",
      outgoing_auth: [{ type: "gcp_token", params: {} }],
    });
    assertValidConfig(yaml);
  });

  it("needs no flags", () => {
    expect(() => runPlugin(plugin, [])).not.toThrow();
  });

  it("refuses an unknown flag", () => {
    expect(() => runPlugin(plugin, ["-token", "env:GDRIVE_TOKEN"])).toThrow("unknown flag --token");
  });
});
