// The test registry harness itself: a real Verdaccio on 127.0.0.1, publishing with and without a token,
// the workspace SDK published with rewritten workspace ranges, a scoped install, and a clean stop; and as a
// mirror whose uplink is never asked for our packages.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishWorkspaceSdk, startRegistry, type TestRegistry } from "./registry.js";
import { makeTempDir } from "./temp.js";

/** Runs npm in `cwd` without the parent's `npm_config_*` (pnpm sets them) and returns what it did. */
function npm(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(npm|pnpm)_config_/i.test(key)) env[key] = value;
  const result = spawnSync("npm", args, { cwd, env, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function fixture(name: string, version = "1.0.0"): string {
  return makeTempDir({
    "package.json": JSON.stringify({ name, version, type: "module", main: "index.js", license: "MIT" }, null, 2),
    "index.js": `export const hello = () => "hello from ${name}";\n`,
  });
}

describe("startRegistry (Verdaccio on 127.0.0.1)", () => {
  let registry: TestRegistry;

  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it("listens on a loopback URL and has a real token", async () => {
    expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(registry.token.length).toBeGreaterThan(10);
    const whoami = await fetch(`${registry.url}-/whoami`, { headers: { authorization: `Bearer ${registry.token}` } });
    expect(await whoami.json()).toEqual({ username: "integrations-test" });
    const port = new URL(registry.url).port;
    expect(registry.npmrc(["@acme", "@integrations"])).toBe(`@acme:registry=${registry.url}\n@integrations:registry=${registry.url}\n//127.0.0.1:${port}/:_authToken=${registry.token}\n`);
    expect(() => registry.npmrc(["acme"])).toThrow(/not an npm scope/);
  });

  it("publishes a package with the token; npm view shows it", async () => {
    await registry.publish(fixture("@acme/hello"));
    const view = npm(["view", "@acme/hello", "--registry", registry.url, "--json"], makeTempDir());
    expect(view.code, view.stderr).toBe(0);
    const info = JSON.parse(view.stdout) as { name: string; version: string; "dist-tags": Record<string, string>; dist: { tarball: string } };
    expect(info).toMatchObject({ name: "@acme/hello", version: "1.0.0", "dist-tags": { latest: "1.0.0" } });
    expect(info.dist.tarball.startsWith(registry.url)).toBe(true);
  });

  it("refuses a publish without a valid token", () => {
    const dir = fixture("@acme/anonymous");
    const host = registry.url.replace(/^http:/, "");
    // No auth line at all: npm itself refuses.
    const none = join(makeTempDir(), ".npmrc");
    writeFileSync(none, `registry=${registry.url}\n`);
    const local = npm(["publish", "--userconfig", none, "--registry", registry.url], dir);
    expect(local.code).not.toBe(0);
    expect(local.stderr).toMatch(/ENEEDAUTH|need auth/i);
    // A token the registry does not know: the registry refuses (publish is $authenticated).
    const bogus = join(makeTempDir(), ".npmrc");
    writeFileSync(bogus, `${host}:_authToken=not-a-real-token\nregistry=${registry.url}\n`);
    const remote = npm(["publish", "--userconfig", bogus, "--registry", registry.url], dir);
    expect(remote.code).not.toBe(0);
    expect(remote.stderr).toMatch(/E401|E403|unauthorized|authorization required|not allowed/i);
    // Nothing was stored.
    const view = npm(["view", "@acme/anonymous", "--registry", registry.url, "--json"], makeTempDir());
    expect(view.code).not.toBe(0);
    expect(view.stdout + view.stderr).toMatch(/E404/);
  });

  it("reports npm's error when a publish fails, without the token", async () => {
    const error = await registry.publish(fixture("@acme/hello")).then(
      () => undefined,
      (reason: unknown) => reason as Error,
    );
    expect(error?.message).toMatch(/npm publish in .* failed/);
    expect(error?.message).toMatch(/E409|EPUBLISHCONFLICT|cannot publish over|already present|conflict/i);
    expect(error?.message).not.toContain(registry.token);
  });

  it("publishes the workspace SDK and core with workspace ranges rewritten", async () => {
    const published = await publishWorkspaceSdk(registry);
    expect(published.map((pkg) => pkg.name)).toEqual(["@integrations/core", "@integrations/plugin-sdk"]);
    const view = npm(["view", "@integrations/plugin-sdk", "--registry", registry.url, "--json"], makeTempDir());
    expect(view.code, view.stderr).toBe(0);
    const info = JSON.parse(view.stdout) as { version: string; dependencies: Record<string, string> };
    expect(info.version).toBe("1.0.0");
    expect(info.dependencies["@integrations/core"]).toBe("^1.0.0");
    const core = npm(["view", "@integrations/core", "version", "--registry", registry.url], makeTempDir());
    expect(core.stdout.trim()).toBe("1.0.0");
    // Calling it again skips what is already there.
    await expect(publishWorkspaceSdk(registry)).resolves.toHaveLength(2);
  });

  it("installs a scoped package in a project whose .npmrc maps the scope to the registry", () => {
    const project = makeTempDir({
      "package.json": JSON.stringify({ name: "consumer", version: "0.0.0", private: true }),
      ".npmrc": registry.npmrc(["@acme"]),
    });
    const install = npm(["install", "@acme/hello", "--no-audit", "--no-fund", "--cache", join(project, ".cache")], project);
    expect(install.code, install.stderr).toBe(0);
    const installed = JSON.parse(readFileSync(join(project, "node_modules", "@acme", "hello", "package.json"), "utf8"));
    expect(installed).toMatchObject({ name: "@acme/hello", version: "1.0.0" });
    const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    expect(manifest.dependencies).toEqual({ "@acme/hello": "^1.0.0" });
  });

  it("stops: the port no longer answers", async () => {
    const ping = `${registry.url}-/ping`;
    expect((await fetch(ping)).ok).toBe(true);
    await registry.stop();
    await expect(fetch(ping, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
    await registry.stop(); // twice is fine
    await expect(registry.publish(fixture("@acme/late"))).rejects.toThrow(/stopped/);
  });
});

describe("startRegistry({ uplink }) (a mirror)", () => {
  // The uplink is a real HTTP server on 127.0.0.1 that records what it is asked and knows no package.
  const asked: string[] = [];
  let uplink: Server;
  let mirror: TestRegistry;

  beforeAll(async () => {
    uplink = createServer((request, response) => {
      asked.push(decodeURIComponent(request.url ?? ""));
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
    });
    await new Promise<void>((resolve) => uplink.listen(0, "127.0.0.1", resolve));
    const { port } = uplink.address() as AddressInfo;
    mirror = await startRegistry({ uplink: `http://127.0.0.1:${port}/` });
  });
  afterAll(async () => {
    await mirror?.stop();
    await new Promise((resolve) => uplink?.close(resolve));
  });

  it("asks the uplink for every package but ours and @acme's, which it serves only itself", async () => {
    const names = ["zod", "@types/node", "@integrations/cli", "@acme/integrations-plugin-billing", "integrations-plugin-slack"];
    for (const name of names) {
      expect(await statusOf(`${mirror.url}${name.replace("/", "%2f")}`), name).toBe(404);
    }
    const askedFor = (name: string) => asked.some((path) => path.replace(/^\//, "").startsWith(name));
    expect(askedFor("zod")).toBe(true);
    expect(askedFor("@types/node")).toBe(true);
    for (const name of PRIVATE_NAMES) expect(askedFor(name), name).toBe(false);
  });
});

/** The HTTP status of a GET, on a connection of its own (a reused keep-alive socket may have been closed by Verdaccio). */
function statusOf(url: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, headers: { accept: "application/json" } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode));
    }).on("error", reject);
  });
}

/** One name per private pattern (`PRIVATE_PACKAGES`). */
const PRIVATE_NAMES = ["@integrations/cli", "@acme/integrations-plugin-billing", "integrations-plugin-slack"];
