// The private-registry flow end to end, against a real Verdaccio on a loopback port: publish the SDK
// and a plugin that peer-depends on it, install the plugin by its shorthand through the project's
// .npmrc (scope mappings and a token), run it, update it from another directory, uninstall it; and
// the refusals: registry down, an incompatible plugin, a name that is not there.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertValidConfig,
  makeTempDir,
  publishWorkspaceSdk,
  runCli,
  startRegistry,
  writeFiles,
  type CliResult,
  type TestRegistry,
} from "@integrations/test-utils";

/** A plugin package written the way a third party would: ESM, the SDK as a peer, the manifest. */
function demoPlugin(version: string, destination: string, sdkRange = "^1.0.0", name = "@acme/integrations-plugin-demo", integration = "demo"): string {
  const dir = makeTempDir();
  writeFiles(dir, {
    "package.json": JSON.stringify({
      name,
      version,
      type: "module",
      main: "index.js",
      keywords: ["integrations-plugin"],
      integrationsPlugin: { apiVersion: 1, integrations: [integration] },
      peerDependencies: { "@integrations/plugin-sdk": sdkRange },
    }),
    "index.js": [
      'import { definePlugin, tokenAuth } from "@integrations/plugin-sdk";',
      "export default definePlugin({",
      `  name: "${integration}",`,
      '  description: "Acme internal demo API",',
      '  flags: { token: { type: "secret", required: true, description: "secret reference for the API token" } },',
      `  build: (flags) => ({ name: flags.name, destination: "${destination}", outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })] }),`,
      "});",
      "",
    ].join("\n"),
  });
  return dir;
}

let registry: TestRegistry;
let home: string;
let dataDir: string;
let project: string;

/** Runs the CLI with a user plugin directory and a HOME of its own (no ~/.npmrc of the machine). */
function cli(args: string[], cwd = project): CliResult {
  return runCli(args, { cwd, env: { INTEGRATIONS_DATA_DIR: dataDir, HOME: home, npm_config_cache: join(home, ".npm") } });
}

function listed(cwd = project): { integration: string; package: string; version: string; source: string; status: string }[] {
  return JSON.parse(cli(["list", "--json"], cwd).stdout);
}

beforeAll(async () => {
  registry = await startRegistry();
  await publishWorkspaceSdk(registry);
  await registry.publish(demoPlugin("1.0.0", "https://demo.acme.internal/v1"));
  await registry.publish(demoPlugin("1.0.0", "https://future.acme.internal", "^2.0.0", "@acme/integrations-plugin-future", "future"));
  home = makeTempDir();
  dataDir = join(makeTempDir(), "plugins");
  project = makeTempDir({ "package.json": JSON.stringify({ name: "acme-proxy", private: true }) });
  writeFileSync(join(project, ".npmrc"), registry.npmrc(["@acme", "@integrations"]));
}, 120_000);

afterAll(async () => {
  await registry?.stop();
});

describe("a private registry", () => {
  it("installs @acme/demo by its shorthand through the project's .npmrc, lists it as user, and runs it", () => {
    const install = cli(["plugins", "install", "@acme/demo"]);
    expect(install.stderr).toBe("");
    expect(install).toMatchObject({ code: 0, stdout: "installed @acme/integrations-plugin-demo@1.0.0: integrations demo\n" });
    expect(listed().find((row) => row.integration === "demo")).toMatchObject({ package: "@acme/integrations-plugin-demo", version: "1.0.0", source: "user", status: "ok" });
    expect(readFileSync(join(dataDir, ".npmrc"), "utf8")).toContain(`@acme:registry=${registry.url}`);
    expect(readFileSync(join(dataDir, ".npmrc"), "utf8")).not.toContain(registry.token);

    const run = cli(["demo", "-token", "env:DEMO_TOKEN", "-file", "config.yaml"]);
    expect(run).toMatchObject({ code: 0, stdout: "integration added\n" });
    const text = readFileSync(join(project, "config.yaml"), "utf8");
    assertValidConfig(text);
    expect(text).toContain("destination: https://demo.acme.internal/v1");
  }, 120_000);

  it("updates it from another directory, without that .npmrc, from the recorded registry", async () => {
    await registry.publish(demoPlugin("1.1.0", "https://demo.acme.internal/v2"));
    const elsewhere = makeTempDir();
    const update = cli(["plugins", "update", "@acme/demo"], elsewhere);
    expect(update.stderr).toBe("");
    expect(update).toMatchObject({ code: 0, stdout: "@acme/integrations-plugin-demo@1.1.0: integrations demo\n" });
    // The update imported the new version: list shows it loaded, without importing it again.
    expect(listed(elsewhere).find((row) => row.integration === "demo")).toMatchObject({ version: "1.1.0", source: "user", status: "ok" });
  }, 120_000);

  it("refuses an incompatible plugin before npm changes anything", () => {
    const before = readFileSync(join(dataDir, "package.json"), "utf8");
    const result = cli(["plugins", "install", "@acme/future"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("@acme/integrations-plugin-future@1.0.0 is incompatible with this host");
    expect(result.stderr).toContain("^2.0.0");
    expect(readFileSync(join(dataDir, "package.json"), "utf8")).toBe(before);
    expect(existsSync(join(dataDir, "node_modules", "@acme", "integrations-plugin-future"))).toBe(false);
  }, 120_000);

  it("fails closed on a shorthand that is not on the registry", () => {
    const result = cli(["plugins", "install", "@acme/nothere"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`@acme/integrations-plugin-nothere@latest is not on the registry ${registry.url}`);
  }, 120_000);

  it("from another directory, a scope's recorded registry is the one asked", () => {
    const elsewhere = makeTempDir();
    const result = cli(["plugins", "install", "@acme/nothere"], elsewhere);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`is not on the registry ${registry.url}`);
    expect(result.stderr).not.toContain("registry.npmjs.org");
  }, 120_000);

  it("uninstalls it: gone from list", () => {
    const result = cli(["plugins", "uninstall", "@acme/demo", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ status: "uninstalled", package: "@acme/integrations-plugin-demo" });
    expect(listed().some((row) => row.integration === "demo")).toBe(false);
  }, 120_000);

  it("with the registry stopped: exit 1 naming the registry, nothing installed, no public fallback", async () => {
    const before = readFileSync(join(dataDir, "package.json"), "utf8");
    await registry.stop();
    const result = cli(["plugins", "install", "@acme/demo"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(registry.url);
    expect(result.stderr).not.toContain("registry.npmjs.org");
    expect(readFileSync(join(dataDir, "package.json"), "utf8")).toBe(before);
  }, 120_000);
});
