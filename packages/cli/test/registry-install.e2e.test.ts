// The CLI as users get it: every public package packed and published to a real Verdaccio on 127.0.0.1
// that serves our packages and @acme/* itself and proxies everything else to the registry npm is
// configured with (as a company mirror would); then installed with npm, npx, pnpm and Yarn 4 (PnP) by
// a user with an empty HOME and global prefix whose ~/.npmrc points at that registry, and run.
// The installed CLI is what runs here, never the checkout's: one pass is enough (vitest.config.ts).
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { createConnection } from "node:net";
import { networkInterfaces } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertValidConfig,
  authoringGuide,
  fixturePackage,
  installedTreeProblems,
  makeTempDir,
  npmConfiguredRegistry,
  parseYaml,
  pluginSource,
  publishWorkspace,
  registryUser,
  SLACK_FLAGS,
  slackBlock,
  startRegistry,
  writePackage,
  type PackedPackage,
  type Ran,
  type RegistryUser,
  type TestRegistry,
} from "@integrations/test-utils";

/** How a run started (`doctor --json` → `cli.startup`): from the start-up snapshot, or the plain ES module bundle. */
type Startup = "snapshot" | "esm";

/** Another user, to run the CLI from a global prefix it cannot write (uids need no passwd entry). */
const OTHER = { uid: 60_020, gid: 60_020, groups: [] as number[] };
const canSwitchUsers = process.getuid?.() === 0 && spawnSync("setpriv", [`--reuid=${OTHER.uid}`, `--regid=${OTHER.gid}`, "--clear-groups", "true"]).status === 0;

/** One install or run through the uplink may take this long before it is killed: a bound, not a speed check. */
const STEP_GUARD_MS = 240_000;
const TEST_TIMEOUT_MS = 600_000;

let registry: TestRegistry;
let published: PackedPackage[];
let version: string;

beforeAll(async () => {
  registry = await startRegistry({ uplink: npmConfiguredRegistry() });
  published = await publishWorkspace(registry);
  version = published.find((p) => p.name === "@integrations/cli")!.version;
}, TEST_TIMEOUT_MS);

afterAll(async () => {
  await registry?.stop();
});

/** A new user of the registry (test-utils' `registryUser`). */
const newUser = (): RegistryUser => registryUser(registry, STEP_GUARD_MS);

/** The README's command, in `dir`. */
const SLACK_ARGS = ["slack", "-file", "config.yaml", ...SLACK_FLAGS];

/** The README's command wrote the README's slack block into a new config.yaml in `dir`, valid under the proxy's schema. */
function expectSlackWritten(dir: string, result: Ran): void {
  expect(result.stdout).toContain("added slack to config.yaml");
  const text = readFileSync(join(dir, "config.yaml"), "utf8");
  assertValidConfig(text);
  expect(text).toBe(`integrations:\n${slackBlock()}`);
}

/** The names published: `@integrations/core`, `@integrations/plugin-sdk`, `@integrations/cli` and the 21 built-ins. */
function publishedNames(): string[] {
  return published.map((p) => p.name);
}

describe("published from packed tarballs", () => {
  it("every public package, by its own name and version, with real ranges", async () => {
    const names = publishedNames();
    expect(names).toContain("@integrations/core");
    expect(names).toContain("@integrations/plugin-sdk");
    expect(names).toContain("@integrations/cli");
    expect(names.filter((name) => name.startsWith("integrations-plugin-"))).toHaveLength(21);
    // Only the version published here (registry.test.ts shows the uplink is never asked for our names).
    for (const p of published) expect(Object.keys((await packument(p.name))?.versions ?? {}), p.name).toEqual([p.version]);
    // The cli's tarball carries real ranges, never `workspace:`.
    const manifest = (await packument("@integrations/cli"))!.versions![version] as { dependencies: Record<string, string> };
    expect(Object.values(manifest.dependencies).filter((range) => range.startsWith("workspace:"))).toEqual([]);
    expect(manifest.dependencies["integrations-plugin-slack"]).toMatch(/^\^?\d+\.\d+\.\d+$/);
  });

  it("the registry listens on loopback only: the machine's other addresses refuse its port", async () => {
    const { hostname, port } = new URL(registry.url);
    expect(hostname).toBe("127.0.0.1");
    const others = Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .filter((a) => !a.internal)
      .map((a) => a.address);
    for (const address of others) expect(await connects(address, Number(port)), address).toBe(false);
  });
});

/** Whether a TCP connection to `host:port` is accepted (false when refused or unreachable). */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 5_000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

describe("npm install -g @integrations/cli", () => {
  let user: RegistryUser;
  beforeAll(() => {
    user = newUser();
    user.ok("npm", ["install", "-g", "@integrations/cli"], user.home);
  }, TEST_TIMEOUT_MS);

  it("the README's command, from the global bin on PATH", () => {
    const dir = makeTempDir();
    expectSlackWritten(dir, user.ok("integrations", SLACK_ARGS, dir));
  });

  it("doctor --json reports the installed CLI, started from the snapshot its install made (cli.startup)", () => {
    const doctor = JSON.parse(user.ok("integrations", ["doctor", "--json"], makeTempDir()).stdout) as { cli: { version: string; path: string; startup: string } };
    expect(doctor.cli.version).toBe(version);
    const cliDir = realpathSync(join(user.prefix, "lib", "node_modules", "@integrations", "cli"));
    expect(realpathSync(doctor.cli.path)).toBe(cliDir);
    expect(doctor.cli.startup).toBe("snapshot");
    expect(snapshotStatusOf(user)).toMatchObject({ state: "ready", dir: join(cliDir, "dist", "snapshot") });
    // The same command with the snapshot off runs the plain bundle, to the same result.
    expect(startupOf(user, { INTEGRATIONS_NO_SNAPSHOT: "1" })).toBe("esm");
    const dir = makeTempDir();
    expectSlackWritten(dir, user.ok("integrations", SLACK_ARGS, dir, { INTEGRATIONS_NO_SNAPSHOT: "1" }));
  });

  it("installs every published package of ours, and none holds tests, sources, build state or the build machine's dist/snapshot", () => {
    const { packages, problems } = installedTreeProblems(join(user.prefix, "lib", "node_modules"));
    expect(packages).toEqual(publishedNames().sort());
    expect(problems, "what the installed packages should not hold").toEqual([]);
  });
});

/** `integrations doctor --json`'s `cli.startup` for `user`, `env` added. */
function startupOf(user: RegistryUser, env: NodeJS.ProcessEnv = {}): Startup {
  return (JSON.parse(user.ok("integrations", ["doctor", "--json"], makeTempDir(), env).stdout) as { cli: { startup: Startup } }).cli.startup;
}

/** `integrations snapshot status --json` for `user`. */
function snapshotStatusOf(user: RegistryUser): { state: string; dir?: string } {
  return JSON.parse(user.ok("integrations", ["snapshot", "status", "--json"], makeTempDir()).stdout) as { state: string; dir?: string };
}

describe("npm install -g --ignore-scripts, then the documented command", () => {
  let user: RegistryUser;
  beforeAll(() => {
    user = newUser();
    user.ok("npm", ["install", "-g", "--ignore-scripts", "@integrations/cli"], user.home);
  }, TEST_TIMEOUT_MS);

  it("runs without a snapshot; integrations snapshot build makes one in the package, and the next run starts from it", () => {
    expect(startupOf(user)).toBe("esm");
    expect(snapshotStatusOf(user)).toEqual({ state: "none" });
    const built = JSON.parse(user.ok("integrations", ["snapshot", "build", "--json"], makeTempDir()).stdout) as { ok: boolean; dir: string };
    expect(built).toMatchObject({ ok: true, dir: join(realpathSync(join(user.prefix, "lib", "node_modules", "@integrations", "cli")), "dist", "snapshot") });
    expect(startupOf(user)).toBe("snapshot");
    const dir = makeTempDir();
    expectSlackWritten(dir, user.ok("integrations", SLACK_ARGS, dir));
  });

  it.skipIf(!canSwitchUsers)("for a user who cannot write the global prefix, it makes one in that user's cache, used by that user's runs", () => {
    const other = newUser();
    other.ok("npm", ["install", "-g", "--ignore-scripts", "@integrations/cli"], other.home);
    // The prefix readable by all, written by root only; the other user with a HOME of its own.
    for (let dir = other.prefix; dir !== dirname(other.home); dir = dirname(dir)) chmodSync(dir, 0o755);
    chmodSync(dirname(other.home), 0o755);
    const home = join(dirname(other.home), "other-home");
    mkdirSync(home);
    chownSync(home, OTHER.uid, OTHER.gid);
    const asOther = (args: readonly string[]) =>
      spawnSync("setpriv", [`--reuid=${OTHER.uid}`, `--regid=${OTHER.gid}`, "--clear-groups", "integrations", ...args], {
        cwd: home,
        env: { ...other.env, HOME: home },
        encoding: "utf8",
        timeout: STEP_GUARD_MS,
      });
    const built = asOther(["snapshot", "build", "--json"]);
    expect(built.status, built.stdout + built.stderr).toBe(0);
    const cliDir = realpathSync(join(other.prefix, "lib", "node_modules", "@integrations", "cli"));
    expect(JSON.parse(built.stdout)).toMatchObject({ ok: true, dir: join(home, ".cache", "integrations", "snapshot", cliDir) });
    expect(existsSync(join(cliDir, "dist", "snapshot")), "nothing written in the prefix").toBe(false);
    const doctor = asOther(["doctor", "--json"]);
    expect((JSON.parse(doctor.stdout) as { cli: { startup: Startup } }).cli.startup).toBe("snapshot");
    // Root has no snapshot in its own cache: it runs the plain bundle.
    expect(startupOf(other)).toBe("esm");

    // Root then makes one in the package, which is newer: every user's runs take it.
    const status = () => JSON.parse(asOther(["snapshot", "status", "--json"]).stdout) as { state: string; dir?: string };
    expect(JSON.parse(other.ok("integrations", ["snapshot", "build", "--json"], makeTempDir()).stdout)).toMatchObject({ ok: true, dir: join(cliDir, "dist", "snapshot") });
    expect(status()).toMatchObject({ state: "ready", dir: join(cliDir, "dist", "snapshot") });
    // A change of the package's files (here a chmod: its ctime) makes that one stale; the user's new
    // one in the cache, newer, is the one used, not the stale one in the package.
    chmodSync(join(cliDir, "dist", "bundle", "snapshot.cjs"), 0o644);
    expect(status()).toMatchObject({ state: "stale", dir: join(cliDir, "dist", "snapshot") });
    expect(asOther(["snapshot", "build", "--json"]).status).toBe(0);
    expect(status()).toMatchObject({ state: "ready", dir: join(home, ".cache", "integrations", "snapshot", cliDir) });
    const after = asOther(["doctor", "--json"]);
    expect((JSON.parse(after.stdout) as { cli: { startup: Startup } }).cli.startup).toBe("snapshot");
  });
});

describe("installed from the registry, other ways", () => {
  it(
    "npx -y @integrations/cli@<version>",
    () => {
      const user = newUser();
      const dir = makeTempDir();
      expectSlackWritten(dir, user.ok("npx", ["-y", `@integrations/cli@${version}`, ...SLACK_ARGS], dir));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "pnpm add -g, then the bin from $PNPM_HOME/bin",
    () => {
      const user = newUser();
      user.ok("pnpm", ["add", "-g", "@integrations/cli"], user.home);
      expect(existsSync(join(user.pnpmHome, "bin", "integrations"))).toBe(true);
      const dir = makeTempDir();
      expectSlackWritten(dir, user.ok("integrations", SLACK_ARGS, dir));
      // pnpm runs no dependency's install script unless allowed: the documented command makes the snapshot.
      if (startupOf(user) === "esm") user.ok("integrations", ["snapshot", "build"], user.home);
      expect(startupOf(user)).toBe("snapshot");
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "pnpm dlx @integrations/cli",
    () => {
      const user = newUser();
      const dir = makeTempDir();
      expectSlackWritten(dir, user.ok("pnpm", ["dlx", "@integrations/cli", ...SLACK_ARGS], dir));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "Yarn 4 with Plug'n'Play: yarn add -D @integrations/cli, then yarn integrations with the built-ins",
    () => {
      const user = newUser();
      // Yarn itself from npm (no corepack download), through the registry's uplink.
      const yarnPrefix = makeTempDir({ "package.json": "{}" });
      user.ok("npm", ["install", "--prefix", yarnPrefix, "@yarnpkg/cli-dist@4"], yarnPrefix);
      const yarn = join(yarnPrefix, "node_modules", "@yarnpkg", "cli-dist", "bin", "yarn.js");
      const project = makeTempDir({
        "package.json": JSON.stringify({ name: "proxy-config", private: true }, null, 2),
        "yarn.lock": "",
        ".yarnrc.yml": [
          `npmRegistryServer: ${JSON.stringify(registry.url.replace(/\/$/, ""))}`,
          'unsafeHttpWhitelist: ["127.0.0.1"]',
          `npmAuthToken: ${JSON.stringify(registry.token)}`,
          // Yarn 4.15+ hides versions published less than a day ago; a company exempts its own packages.
          'npmPreapprovedPackages: ["@integrations/*", "integrations-plugin-*"]',
          "enableTelemetry: false",
          "",
        ].join("\n"),
      });
      const yarnEnv = { YARN_ENABLE_IMMUTABLE_INSTALLS: "false", YARN_ENABLE_PROGRESS_BARS: "false" };
      user.ok(process.execPath, [yarn, "add", "-D", "@integrations/cli"], project, yarnEnv);
      expect(existsSync(join(project, ".pnp.cjs")), "Yarn's default linker is PnP").toBe(true);
      expect(existsSync(join(project, "node_modules", "@integrations", "cli"))).toBe(false);
      expectSlackWritten(project, user.ok(process.execPath, [yarn, "integrations", ...SLACK_ARGS], project, yarnEnv));
      // Every built-in found through PnP (no node_modules to look in).
      const rows = user.ok(process.execPath, [yarn, "integrations", "list"], project, yarnEnv).stdout.trim().split("\n").slice(1);
      expect(rows.filter((row) => /\sbuiltin\s+in process\s+ok$/.test(row))).toHaveLength(21);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "a project with npm install -D @integrations/cli and a project plugin from the registry, run through npx integrations",
    async () => {
      const user = newUser();
      const pluginDir = makeTempDir();
      writePackage(pluginDir, fixturePackage("@acme/integrations-plugin-x", "1.0.0", { apiVersion: 1, integrations: ["x"] }, pluginSource({ name: "x", destination: "https://x.acme.internal/api" })));
      await registry.publish(pluginDir);

      const project = makeTempDir({ "package.json": JSON.stringify({ name: "proxy-config", private: true }, null, 2) });
      user.ok("npm", ["install", "-D", "@integrations/cli", "@acme/integrations-plugin-x"], project);
      const listed = user.ok("npx", ["integrations", "list"], project).stdout;
      expect(listed).toMatch(/^\s*x\b.*project/m);
      expect(listed).toMatch(/^\s*slack\b.*builtin/m);
      const result = user.ok("npx", ["integrations", "x", "-file", "config.yaml", "-token", "env:X_TOKEN"], project);
      expect(result.stdout).toContain("added x to config.yaml");
      const text = readFileSync(join(project, "config.yaml"), "utf8");
      assertValidConfig(text);
      expect(parseYaml(text)).toEqual({
        integrations: [{ name: "x", destination: "https://x.acme.internal/api", outgoing_auth: [{ type: "token", params: { header: "Authorization", secrets: ["env:X_TOKEN"] } }] }],
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "docs/authoring.md word for word, with the CLI from npm install -g and the SDK from the registry",
    async () => {
      const guide = authoringGuide();
      const user = newUser();
      user.ok("npm", ["install", "-g", "@integrations/cli"], user.home);
      const dir = makeTempDir();
      const script = join(makeTempDir(), "authoring.sh");
      writeFileSync(script, ["set -euo pipefail", 'PS4="+ $ "', "set -x", ...guide.blocks].join("\n"));
      const run = user.run("bash", [script], dir, { REGISTRY: registry.url, NPM_TOKEN: registry.token });
      const output = `${run.stdout}\n${run.stderr}`.split(registry.token).join("***");
      expect(run.code, `the guide's commands stopped (exit ${run.code}):\n${output.slice(-4000)}`).toBe(0);

      // Every command line of the guide ran: bash's trace shows each one, $REGISTRY expanded.
      const traced = new Set(run.stderr.split("\n"));
      for (const command of guide.commands) expect(traced.has(`+ $ ${command.replaceAll('"$REGISTRY"', registry.url)}`), command).toBe(true);
      // The SDK the scaffolded plugin built against is the one published from the workspace.
      const sdk = JSON.parse(readFileSync(join(dir, "integrations-plugin-billing", "node_modules", "@integrations", "plugin-sdk", "package.json"), "utf8")) as { version: string };
      expect(sdk.version).toBe(published.find((p) => p.name === "@integrations/plugin-sdk")!.version);
      // The published versions, the install and the update the guide promises.
      expect(Object.keys((await packument("@acme/integrations-plugin-billing"))?.versions ?? {}).sort()).toEqual(["1.0.0", "1.1.0"]);
      expect(run.stdout).toContain("installed @acme/integrations-plugin-billing@1.0.0: integrations billing");
      expect(run.stdout).toContain("updated @acme/integrations-plugin-billing 1.0.0 → 1.1.0: integrations billing");
      const dataDir = join(user.home, ".local", "share", "integrations");
      const installed = JSON.parse(readFileSync(join(dataDir, "package.json"), "utf8")) as { dependencies: Record<string, string> };
      expect(installed.dependencies).toEqual({ "@acme/integrations-plugin-billing": "^1.0.0" });
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
    },
    TEST_TIMEOUT_MS,
  );
});

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
