import { describe, expect, it } from "vitest";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig, domainCases } from "@integrations/test-utils";
import plugin from "./index.js";

const required = ["-token", "env:GITLAB_TOKEN"];

describe("integrations-plugin-gitlab", () => {
  it("writes its block from the required flags", () => {
    const { block, yaml } = runPlugin(plugin, required);
    expect(block).toEqual({
      name: "gitlab",
      destination: "https://gitlab.com/api/v4",
      in_rate_limit: 2000,
      out_rate_limit: 2000,
      rate_limit_window: "1m",
      idle_conn_timeout: "10s",
      outgoing_auth: [{ type: "token", params: { header: "PRIVATE-TOKEN", secrets: ["env:GITLAB_TOKEN"] } }],
    });
    assertValidConfig(yaml);
  });

  it("names every missing required flag", () => {
    expect(() => runPlugin(plugin, [])).toThrow("missing required flag --token");
  });

  it("refuses a raw token without echoing it", () => {
    const raw = "glpat-Ab3dEf6hIj9kLm2nOp5q";
    expect(() => runPlugin(plugin, ["-token", raw])).toThrow(/env:GITLAB_TOKEN/);
    expect(() => runPlugin(plugin, ["-token", raw])).not.toThrow(raw);
  });

  it.each(domainCases("/api/v4"))("normalises --domain %s to %s", (domain, destination) => {
    expect(runPlugin(plugin, [...required, "-domain", domain]).block.destination).toBe(destination);
  });

  it("refuses a --domain that is not a host", () => {
    expect(() => runPlugin(plugin, [...required, "-domain", "not a host"])).toThrow('--domain: "not a host" is not a host name');
  });
});
