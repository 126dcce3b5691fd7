// docs/authoring.md is a script: every ```sh block, in order, runs with bash (set -euo pipefail) in an
// empty temp directory, with `integrations` on the PATH (the built CLI), $REGISTRY a real Verdaccio
// holding the SDK and $NPM_TOKEN its token, in a HOME, npm cache and user plugin directory of its own.
// Then the end state the guide promises: a published plugin, installed, updated, and a valid config.
import { spawnSync } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertValidConfig,
  CLI_LAUNCHER,
  isolatedEnv,
  makeTempDir,
  parseYaml,
  publishWorkspaceSdk,
  startRegistry,
  workspacePath,
  type TestRegistry,
} from "@integrations/test-utils";

const DOC = workspacePath("docs", "authoring.md");
const SCRIPT_TIMEOUT_MS = 170_000;

const text = readFileSync(DOC, "utf8");
/** The ```sh blocks of the guide, in order. */
const blocks = [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
/** Their command lines (comments and blank lines left out). */
const commands = blocks.flatMap((block) => block.split("\n")).map((line) => line.replace(/\s+#.*$/, "").trim()).filter((line) => line && !line.startsWith("#"));

let registry: TestRegistry;

/** The registry's document for a package, or undefined (404); a fresh connection each time. */
function packument(name: string): Promise<{ versions?: Record<string, unknown>; "dist-tags"?: Record<string, string> } | undefined> {
  return new Promise((resolve, reject) => {
    const request = get(`${registry.url}${name.replace("/", "%2f")}`, { agent: false, headers: { accept: "application/json" } }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve(response.statusCode === 200 ? JSON.parse(body) : undefined));
    });
    request.on("error", reject);
  });
}

beforeAll(async () => {
  registry = await startRegistry();
  await publishWorkspaceSdk(registry);
}, 120_000);

afterAll(async () => {
  await registry?.stop();
});

describe("docs/authoring.md", () => {
  it("has the sections the issue asks for, and its sh blocks use only the $REGISTRY and $NPM_TOKEN placeholders", () => {
    for (const topic of ["## 2. The contract", "## 3. Compatibility", "plugins link", "## 7. Publish it", "## 9. Versioning", "runPlugin", "publishConfig", "_authToken=${NPM_TOKEN}", "@acme:registry="]) {
      expect(text).toContain(topic);
    }
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    const variables = new Set(blocks.flatMap((block) => [...block.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1])));
    expect(variables).toContain("REGISTRY");
    for (const variable of variables) expect(["REGISTRY", "NPM_TOKEN"], `$${variable}`).toContain(variable);
  });

  it("names no npm or integrations command in its prose that its sh blocks do not run", () => {
    const prose = text.replace(/^```[\s\S]*?^```$/gm, "");
    const spans = [...prose.matchAll(/`((?:npm|integrations) [^`]*)`/g)].map((m) => m[1]!.split("…")[0]!.trim());
    const commandsInProse = spans.filter((span) => !/[<[]/.test(span));
    expect(commandsInProse.length).toBeGreaterThan(5);
    for (const span of commandsInProse) expect(commands.some((command) => command.startsWith(span)), span).toBe(true);
  });

  it("every command in it runs, in order, against a private registry: scaffold, test, link, publish, install, update", async () => {
    const dir = makeTempDir();
    const bin = makeTempDir();
    symlinkSync(CLI_LAUNCHER, join(bin, "integrations")); // as npm's global bin is
    const script = join(makeTempDir(), "authoring.sh");
    writeFileSync(script, ["set -euo pipefail", 'PS4="+ $ "', "set -x", ...blocks].join("\n"));

    // Away from the machine's plugins, ~/.npmrc and npm cache (isolatedEnv: nothing is created there).
    const sandbox = makeTempDir();
    const dataDir = join(sandbox, "integrations-data");
    const home = join(sandbox, "home");
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key) && !/^INTEGRATIONS_/.test(key)));
    const env = {
      ...inherited,
      ...isolatedEnv(sandbox),
      INTEGRATIONS_DATA_DIR: dataDir,
      HOME: home,
      PATH: `${bin}:${process.env.PATH ?? ""}`,
      npm_config_cache: join(home, ".npm"),
      npm_config_update_notifier: "false",
      NO_PROXY: "127.0.0.1,localhost",
      no_proxy: "127.0.0.1,localhost",
      NO_COLOR: "1",
      REGISTRY: registry.url,
      NPM_TOKEN: registry.token,
    };
    const started = Date.now();
    const run = spawnSync("bash", [script], { cwd: dir, env, encoding: "utf8", timeout: SCRIPT_TIMEOUT_MS });
    const output = `${run.stdout}\n${run.stderr}`.split(registry.token).join("***");
    expect(run.error).toBeUndefined();
    expect(run.status, `the guide's commands stopped (exit ${run.status}) after ${Date.now() - started} ms:\n${output.slice(-4000)}`).toBe(0);

    // Every command line of the guide ran: bash's trace shows each one, $REGISTRY expanded.
    const traced = new Set(run.stderr.split("\n"));
    for (const command of commands) expect(traced.has(`+ $ ${command.replaceAll('"$REGISTRY"', registry.url)}`), command).toBe(true);
    // The published versions, the install and the update the guide promises.
    expect(Object.keys((await packument("@acme/integrations-plugin-billing"))?.versions ?? {}).sort()).toEqual(["1.0.0", "1.1.0"]);
    expect(run.stdout).toContain("installed @acme/integrations-plugin-billing@1.0.0: integrations billing");
    expect(run.stdout).toContain("@acme/integrations-plugin-billing@1.1.0: integrations billing");
    const user = JSON.parse(readFileSync(join(dataDir, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(user.dependencies).toEqual({ "@acme/integrations-plugin-billing": "^1.0.0" });
    expect(readFileSync(join(dataDir, ".npmrc"), "utf8")).toContain(`@acme:registry=${registry.url}`);
    expect(readFileSync(join(dataDir, ".npmrc"), "utf8")).not.toContain(registry.token);
    expect(JSON.parse(readFileSync(join(dataDir, "links.json"), "utf8"))).toEqual({ links: {} });

    const config = readFileSync(join(dir, "proxy-config", "config.yaml"), "utf8");
    assertValidConfig(config);
    expect(parseYaml(config)).toEqual({
      integrations: [
        {
          name: "billing",
          destination: "https://billing.acme.internal/api",
          in_rate_limit: 60,
          out_rate_limit: 60,
          rate_limit_window: "1m",
          incoming_auth: [{ type: "token", params: { header: "X-Auth", secrets: ["env:BILLING_CALLER_TOKEN"] } }],
          outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:BILLING_TOKEN"] } }],
        },
      ],
    });
  }, SCRIPT_TIMEOUT_MS + 10_000);
});
