// The private-registry flow end to end, against a real Verdaccio on a loopback port (one for the
// file): publish the SDK and a plugin that peer-depends on it, install the plugin by its shorthand
// through the project's .npmrc (scope mappings and a token), run it, update it from another
// directory, uninstall it; the registry npm would use, from --registry and the environment, used
// again by update and uninstall; npm's failures in npm's terms (a proxy that cannot be reached, a
// peer SDK or a dependency the registry does not have); and the refusals: registry down, an
// incompatible plugin, a name that is not there.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertValidConfig,
  makeTempDir,
  fixturePackage,
  pluginSource,
  publishWorkspaceSdk,
  runCli,
  startRegistry,
  treeListing,
  writeFiles,
  writePackage,
  type CliResult,
  type TestRegistry,
  addedToNewFile,
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

/** Runs the CLI with a user plugin directory and a HOME of its own (no ~/.npmrc of the machine); `env` last. */
function cli(args: string[], cwd = project, env: Record<string, string | undefined> = {}, data = dataDir): CliResult {
  return runCli(args, { cwd, env: { INTEGRATIONS_DATA_DIR: data, HOME: home, npm_config_cache: join(home, ".npm"), ...env } });
}

/** An unscoped plugin without the SDK (a plain plugin object): npm fetches nothing else for it, from any registry. */
function plainPlugin(name: string, version: string, integration: string, destination: string, extra: Record<string, unknown> = {}): string {
  const dir = makeTempDir();
  writePackage(dir, fixturePackage(name, version, { apiVersion: 1, integrations: [integration] }, pluginSource({ name: integration, destination }), extra));
  return dir;
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
    expect(install).toMatchObject({
      code: 0,
      stdout: 'installed @acme/integrations-plugin-demo@1.0.0: integrations demo (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n',
    });
    expect(listed().find((row) => row.integration === "demo")).toMatchObject({ package: "@acme/integrations-plugin-demo", version: "1.0.0", source: "user", status: "ok" });
    expect(readFileSync(join(dataDir, ".npmrc"), "utf8")).toContain(`@acme:registry=${registry.url}`);
    expect(readFileSync(join(dataDir, ".npmrc"), "utf8")).not.toContain(registry.token);

    const run = cli(["demo", "-token", "env:DEMO_TOKEN", "-file", "config.yaml"]);
    const text = readFileSync(join(project, "config.yaml"), "utf8");
    expect(run).toMatchObject({ code: 0, stdout: addedToNewFile("config.yaml", text) });
    assertValidConfig(text);
    expect(text).toContain("destination: https://demo.acme.internal/v1");
  }, 120_000);

  it("updates it by its integration name from another directory, without that .npmrc, from the recorded registry, saying what changed", async () => {
    await registry.publish(demoPlugin("1.1.0", "https://demo.acme.internal/v2"));
    const elsewhere = makeTempDir();
    const update = cli(["plugins", "update", "demo"], elsewhere);
    expect(update.stderr).toBe("");
    expect(update).toMatchObject({ code: 0, stdout: "updated @acme/integrations-plugin-demo 1.0.0 → 1.1.0: integrations demo\n" });
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

  it("uninstalls it by its integration name: gone from list", () => {
    const result = cli(["plugins", "uninstall", "demo", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ status: "uninstalled", package: "@acme/integrations-plugin-demo" });
    expect(listed().some((row) => row.integration === "demo")).toBe(false);
  }, 120_000);
});

describe("the registry npm would use, used again by update and uninstall", () => {
  const solo = "integrations-plugin-solo";
  beforeAll(async () => {
    await registry.publish(plainPlugin(solo, "1.0.0", "solo", "https://solo.example.com/v1"));
    await registry.publish(plainPlugin(solo, "1.1.0", "solo", "https://solo.example.com/v2"));
  }, 120_000);

  it("install --registry, then update from another directory (no .npmrc anywhere) finds the newer version on that registry and says what changed", () => {
    const data = join(makeTempDir(), "plugins");
    const install = cli(["plugins", "install", "solo@1.0.0", "--registry", registry.url], makeTempDir(), {}, data);
    expect(install.stderr).toBe("");
    expect(install).toMatchObject({
      code: 0,
      stdout: `installed ${solo}@1.0.0: integrations solo (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n`,
    });

    const elsewhere = makeTempDir();
    // doctor says which registry update and uninstall will ask, and that the install recorded it.
    const doctor = cli(["doctor", "--json"], elsewhere, {}, data);
    expect(JSON.parse(doctor.stdout).npm.packages).toEqual([{ package: solo, registry: registry.url, from: expect.stringMatching(/\/registries\.json$/) }]);
    const update = cli(["plugins", "update", "--json"], elsewhere, {}, data);
    expect(update.stderr).toBe("");
    expect(update.code).toBe(0);
    expect(JSON.parse(update.stdout)).toMatchObject([{ integration: "solo", package: solo, version: "1.1.0", from: "1.0.0", to: "1.1.0" }]);
    expect(cli(["plugins", "update", "solo"], elsewhere, {}, data)).toEqual({ code: 0, stdout: `${solo} 1.1.0: already up to date\n`, stderr: "" });

    // --registry on update: the registry named is the one asked (a path of it that has nothing: npm's E404), and nothing changes.
    const before = treeListing(data);
    const nowhere = `${registry.url}nothing/`;
    const moved = cli(["plugins", "update", "solo", "--registry", nowhere], elsewhere, {}, data);
    expect(moved.code).toBe(1);
    expect(moved.stderr).toMatch(new RegExp(`^error: npm could not update ${solo}: ${solo}@\\S+ is not on the registry ${nowhere.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(npm error E404\\)`));
    expect(treeListing(data)).toEqual(before);

    const uninstall = cli(["plugins", "uninstall", "solo"], elsewhere, {}, data);
    expect(uninstall).toEqual({ code: 0, stdout: `uninstalled ${solo}\n`, stderr: "" });
  }, 240_000);

  it.each(["npm_config_registry", "NPM_CONFIG_REGISTRY"])(
    "install with %s in the environment: the pre-check and npm ask that registry",
    (variable) => {
      const data = join(makeTempDir(), "plugins");
      const install = cli(["plugins", "install", "solo@1.0.0"], makeTempDir(), { [variable]: registry.url }, data);
      expect(install.stderr).toBe("");
      expect(install).toMatchObject({
        code: 0,
        stdout: `installed ${solo}@1.0.0: integrations solo (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n`,
      });
      // Remembered: without the variable, update asks the same registry.
      const update = cli(["plugins", "update", "solo"], makeTempDir(), {}, data);
      expect(update).toEqual({ code: 0, stdout: `updated ${solo} 1.0.0 → 1.1.0: integrations solo\n`, stderr: "" });
    },
    240_000,
  );
});

/** A loopback port nothing listens on: bound, read, closed. */
function deadPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once("error", reject)
      .listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
      });
  });
}

describe("npm's failures in npm's terms, with the fix", () => {
  it("an HTTPS_PROXY that cannot be reached: the proxy is named (never its credentials), npm's code, the fix; one line; nothing created", async () => {
    const port = await deadPort();
    const data = join(makeTempDir(), "plugins");
    const proxy = { HTTPS_PROXY: `http://proxyuser:proxy-secret@127.0.0.1:${port}`, NO_PROXY: undefined, no_proxy: undefined, https_proxy: undefined };
    for (const target of [registry.url, "https://registry.example.invalid/"]) {
      const result = cli(["plugins", "install", "solo", "--registry", target], makeTempDir(), proxy, data);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(
        `error: cannot install integrations-plugin-solo: cannot reach the proxy http://127.0.0.1:${port} (HTTPS_PROXY): the connection was refused (npm error ECONNREFUSED); start the proxy or correct HTTPS_PROXY (remove it if no proxy is needed), or add ${new URL(target).hostname} to NO_PROXY to bypass it for this registry; nothing was installed\n`,
      );
      expect(result.stderr).not.toMatch(/proxyuser|proxy-secret|npm notice|\bat /);
    }
    expect(existsSync(data)).toBe(false);
  }, 120_000);

  it("a peer SDK the registry does not have: npm's E404 naming the SDK and the scope mapping that fixes it, not npm's ERESOLVE warnings", async () => {
    await registry.publish(demoPlugin("1.0.0", "https://lonely.acme.internal", "^1.0.0", "@acme/integrations-plugin-lonely", "lonely"));
    const nowhere = `${registry.url}nothing/`;
    const proj = makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }), ".npmrc": `@acme:registry=${registry.url}\n@integrations:registry=${nowhere}\n` });
    const data = join(makeTempDir(), "plugins");
    const result = cli(["plugins", "install", "@acme/lonely"], proj, {}, data);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toBe(
      `error: npm could not install @acme/lonely: @integrations/plugin-sdk@^1.0.0 is not on the registry ${nowhere} (npm error E404): the plugin's peer dependency, the SDK, must come from a registry that has it; map its scope to one (@integrations:registry=<url> in .npmrc) or use a registry that mirrors the public one; nothing was installed\n`,
    );
    expect(existsSync(data)).toBe(false);
  }, 120_000);

  it("a dependency the registry does not have: npm's E404 naming it and its scope's mapping; the user plugin directory as it was", async () => {
    const needy = demoPlugin("1.0.0", "https://needy.acme.internal", "^1.0.0", "@acme/integrations-plugin-needy", "needy");
    const json = JSON.parse(readFileSync(join(needy, "package.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(needy, "package.json"), JSON.stringify({ ...json, dependencies: { "@acme/never-published": "^1.0.0" } }));
    await registry.publish(needy);
    const before = treeListing(dataDir);
    const result = cli(["plugins", "install", "@acme/needy"]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toBe(
      `error: npm could not install @acme/needy: @acme/never-published@^1.0.0 is not on the registry ${registry.url} (npm error E404): the plugin needs it (directly or through a dependency) and npm looks for it there; map @acme to the registry that has it (@acme:registry=<url> in .npmrc), or publish it there; nothing was installed\n`,
    );
    expect(treeListing(dataDir)).toEqual(before);
  }, 120_000);
});

describe("with the registry stopped", () => {
  it("exit 1 naming the registry, nothing installed, no public fallback", async () => {
    const before = readFileSync(join(dataDir, "package.json"), "utf8");
    await registry.stop();
    const result = cli(["plugins", "install", "@acme/demo"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(registry.url);
    expect(result.stderr).not.toContain("registry.npmjs.org");
    expect(readFileSync(join(dataDir, "package.json"), "utf8")).toBe(before);
  }, 120_000);
});
