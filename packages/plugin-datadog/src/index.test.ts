import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-api-key", "env:DATADOG_API_KEY", "-app-key", "env:DATADOG_APP_KEY"];

describe("integrations-plugin-datadog", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "datadog",
      destination: "https://api.datadoghq.com",
      in_rate_limit: 100,
      out_rate_limit: 1000,
      rate_limit_window: "1m",
      idle_conn_timeout: "10s",
      outgoing_auth: [
        { type: "token", params: { header: "DD-API-KEY", secrets: ["env:DATADOG_API_KEY"] } },
        { type: "token", params: { header: "DD-APPLICATION-KEY", secrets: ["env:DATADOG_APP_KEY"] } },
      ],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flags --api-key, --app-key");
  });

  it("refuses a raw API key without echoing it", () => {
    const raw = "3f9a1c7e52b84d06a9e1f7c23b5d8e41";
    expect(() => runPlugin(plugin, ["-api-key", raw, "-app-key", "env:K"])).toThrow(/env:DATADOG_API_KEY/);
    expect(() => runPlugin(plugin, ["-api-key", raw, "-app-key", "env:K"])).not.toThrow(raw);
  });

  it("normalises --site to https://api.<site>", () => {
    for (const site of ["datadoghq.eu", "datadoghq.eu/", "https://datadoghq.eu/", "http://datadoghq.eu"]) {
      expect(runPlugin(plugin, [...required, "-site", site]).block.destination).toBe("https://api.datadoghq.eu");
    }
    expect(() => runPlugin(plugin, [...required, "-site", "not a host"])).toThrow(/--site/);
  });
});
