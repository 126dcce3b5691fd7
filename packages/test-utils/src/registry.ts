// A real private npm registry for tests: Verdaccio 6 (installed outside the workspace in tools/verdaccio,
// pinned to a release that runs on Node 20) as a child process on 127.0.0.1 with a real user and token: fully offline (no uplinks) by
// default, or a mirror whose uplink serves every package but ours (`startRegistry({ uplink })`).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { workspacePath } from "./paths.js";

/** Verdaccio's CLI, installed by `npm ci --prefix tools/verdaccio` (scripts/test.mjs does it when missing). */
export const VERDACCIO_BIN = workspacePath("tools", "verdaccio", "node_modules", "verdaccio", "bin", "verdaccio");

/**
 * How long `startRegistry` waits for `GET /-/ping` before giving up: about 1 s on a quiet machine,
 * bounded far above what other test files running beside this one can make it take.
 */
const START_TIMEOUT_MS = 120_000;
/** How long one `npm publish` / `pnpm publish` may take: a bound on a stuck publish, as loose as START_TIMEOUT_MS. */
const PUBLISH_TIMEOUT_MS = 180_000;
/** Attempts at starting Verdaccio when the free port was taken between choosing it and binding it. */
const START_ATTEMPTS = 3;

/** Options for `TestRegistry.publish`. */
export interface PublishOptions {
  /** Publish with `pnpm publish --no-git-checks` (rewrites `workspace:` ranges) instead of `npm publish`. */
  usePnpm?: boolean;
}

/** Options for `startRegistry`. */
export interface RegistryOptions {
  /**
   * A registry URL (e.g. `npmConfiguredRegistry()`) that Verdaccio proxies every package to, except
   * `PRIVATE_PACKAGES`, which it serves only from its own storage, as a company mirror would. Without
   * it the registry is fully offline: a package nobody published is a 404. The uplink's answers are
   * kept 30 minutes (Verdaccio's default, 2, makes each install of a test file ask again).
   */
  uplink?: string;
}

/**
 * The package patterns (Verdaccio's) that a registry with an uplink never proxies: ours and the tests'
 * `@acme` scope, so that a name published nowhere else is never looked up elsewhere.
 */
export const PRIVATE_PACKAGES = ["@integrations/*", "@acme/*", "integrations-plugin-*"] as const;

/** A running Verdaccio on 127.0.0.1 with one authenticated user. */
export interface TestRegistry {
  /** The registry URL with a trailing slash: `http://127.0.0.1:PORT/`. */
  url: string;
  /** The test user's token (never put it on a command line). */
  token: string;
  /** `.npmrc` text mapping each scope (`"@acme"`) to this registry, plus the `//127.0.0.1:PORT/:_authToken=` line. */
  npmrc(scopes: readonly string[]): string;
  /**
   * Publishes the package in directory `path`, or the packed tarball `path` (`*.tgz`, with `npm publish
   * <tarball>`), with the token; throws with npm's (or pnpm's) output on failure.
   */
  publish(path: string, options?: PublishOptions): Promise<void>;
  /** Kills Verdaccio (and its process group) and removes its temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

/** A package `publishWorkspaceSdk` published (or found already published). */
export interface PublishedPackage {
  name: string;
  version: string;
  dir: string;
}

// Registries still running; killed (synchronously) when the test process exits without stopping them.
const running = new Set<{ child: ChildProcess; dir: string }>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const entry of running) {
      killGroup(entry.child);
      rmSync(entry.dir, { recursive: true, force: true });
    }
    running.clear();
  });
}

function killGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    // Detached: the child leads its own process group; a negative pid signals the whole group.
    if (process.platform === "win32") child.kill("SIGKILL");
    else process.kill(-child.pid, "SIGKILL");
  } catch {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Resolves when `child` has exited, or after `ms` (whichever comes first). */
function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    child.once("exit", done);
    function done(): void {
      clearTimeout(timer);
      child.off("exit", done);
      resolve();
    }
  });
}

/** A port that was free on 127.0.0.1 a moment ago (listen on port 0, read it, close). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("could not get a free port"))));
    });
  });
}

function tail(path: string, lines = 30): string {
  if (!existsSync(path)) return "";
  return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The environment for npm/pnpm children: no inherited `npm_config_*` (pnpm and `npm run` set many), loopback unproxied. */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm)_config_/i.test(key)) continue;
    env[key] = value;
  }
  const noProxy = [env.NO_PROXY ?? env.no_proxy, "127.0.0.1", "localhost"].filter(Boolean).join(",");
  env.NO_PROXY = noProxy;
  env.no_proxy = noProxy;
  return env;
}

/**
 * The Verdaccio config: temp storage and htpasswd, logs at warn to a file. Without `uplink`, no uplinks
 * and no `proxy:` (offline); with it, one uplink `mirror` and `proxy: mirror` on every package pattern
 * but `PRIVATE_PACKAGES`, which come first (Verdaccio applies the first pattern that matches).
 */
function verdaccioConfig(dir: string, uplink?: string): string {
  const q = (path: string) => JSON.stringify(path); // a JSON string is a valid YAML double-quoted scalar
  const rules = ["access: $all", "publish: $authenticated", "unpublish: $authenticated"];
  const pattern = (name: string, proxy: boolean) => [`  ${q(name)}:`, ...rules.map((rule) => `    ${rule}`), ...(proxy ? ["    proxy: mirror"] : [])];
  return [
    `storage: ${q(join(dir, "storage"))}`,
    "auth:",
    "  htpasswd:",
    `    file: ${q(join(dir, "htpasswd"))}`,
    "    max_users: 100",
    ...(uplink ? ["uplinks:", "  mirror:", `    url: ${q(uplink)}`, "    timeout: 60s", "    max_fails: 5", "    maxage: 30m"] : ["uplinks: {}"]),
    "packages:",
    ...(uplink ? PRIVATE_PACKAGES.flatMap((name) => pattern(name, false)) : []),
    ...pattern("@*/*", Boolean(uplink)),
    ...pattern("**", Boolean(uplink)),
    "max_body_size: 500mb",
    "web:",
    "  enable: false",
    "log:",
    "  type: file",
    `  path: ${q(join(dir, "verdaccio.log"))}`,
    "  level: warn",
    "",
  ].join("\n");
}

// Preloaded into Verdaccio: it exits and removes its temp dir (where this file lives) when its stdin closes,
// i.e. when the test process is gone for any reason (even SIGKILL), so a crashed run leaves nothing behind.
const WATCHDOG = `const bye = () => {
  try { require("node:fs").rmSync(__dirname, { recursive: true, force: true }); } catch {}
  process.exit(0);
};
process.stdin.on("end", bye);
process.stdin.on("error", bye);
process.stdin.resume();
`;

interface Started {
  child: ChildProcess;
  url: string;
  entry: { child: ChildProcess; dir: string };
}

/** One attempt: spawn Verdaccio on `port`, wait (bounded) for `/-/ping`. Returns null when the port was taken. */
async function startOnce(dir: string, port: number): Promise<Started | null> {
  const output = join(dir, "verdaccio.out");
  const log = join(dir, "verdaccio.log");
  const fd = openSync(output, "a");
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, ["--require", join(dir, "watchdog.cjs"), VERDACCIO_BIN, "--config", join(dir, "config.yaml"), "--listen", `127.0.0.1:${port}`], {
      cwd: dir,
      detached: true,
      stdio: ["pipe", fd, fd],
      env: { ...process.env, NODE_ENV: "production" },
    });
  } finally {
    closeSync(fd);
  }
  const entry = { child, dir };
  running.add(entry);
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  let spawnError: Error | undefined;
  child.once("error", (error) => (spawnError = error));

  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return { child, url, entry };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  killGroup(child);
  await waitForExit(child, 5_000);
  running.delete(entry);
  const logs = `${tail(output)}\n${tail(log)}`.trim();
  if (/EADDRINUSE/.test(logs)) return null;
  const why = spawnError
    ? `could not be spawned (${spawnError.message})`
    : child.exitCode !== null
      ? `exited with code ${child.exitCode}`
      : `did not answer GET /-/ping within ${START_TIMEOUT_MS / 1000} s`;
  throw new Error(`Verdaccio on ${url} ${why}. Log tail:\n${logs || "(empty)"}`);
}

/** Creates a user and returns its token: `PUT /-/user/org.couchdb.user:<name>` with `{name, password}`. */
async function createUser(url: string): Promise<string> {
  const name = "integrations-test";
  const password = `pw-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const response = await fetch(`${url}-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
    method: "PUT",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ name, password }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let token: unknown;
  try {
    token = (JSON.parse(text) as { token?: unknown }).token;
  } catch {
    // reported below
  }
  if (!response.ok || typeof token !== "string" || !token) {
    throw new Error(`Verdaccio did not create the test user (HTTP ${response.status}): ${text.slice(0, 500)}`);
  }
  return token;
}

/** Runs `command args` in `cwd` (bounded, with `childEnv()`); resolves with its exit code and output. */
export function run(command: string, args: readonly string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: childEnv(),
      stdio: ["ignore", "pipe", "pipe"],
      timeout: PUBLISH_TIMEOUT_MS,
      killSignal: "SIGKILL",
      shell: process.platform === "win32",
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code: code ?? (signal ? -1 : null), stdout, stderr }));
  });
}

function scopeOf(name: unknown): string | undefined {
  return typeof name === "string" && name.startsWith("@") && name.includes("/") ? name.slice(0, name.indexOf("/")) : undefined;
}

/**
 * Starts Verdaccio from tools/verdaccio on a free 127.0.0.1 port with a temp storage, creates a user and
 * token, and returns how to use it. Call `stop()` when done (it is also killed when the test process exits).
 */
export async function startRegistry(options: RegistryOptions = {}): Promise<TestRegistry> {
  if (!existsSync(VERDACCIO_BIN)) {
    throw new Error(`Verdaccio is not installed at ${VERDACCIO_BIN}: run \`npm ci --prefix tools/verdaccio\` (pnpm test does it)`);
  }
  installExitHook();
  const dir = mkdtempSync(join(tmpdir(), "integrations-registry-"));
  writeFileSync(join(dir, "config.yaml"), verdaccioConfig(dir, options.uplink));
  writeFileSync(join(dir, "watchdog.cjs"), WATCHDOG);

  let started: Started | null = null;
  try {
    for (let attempt = 0; attempt < START_ATTEMPTS && !started; attempt++) {
      started = await startOnce(dir, await freePort());
    }
    if (!started) throw new Error(`Verdaccio could not bind a free port on 127.0.0.1 (${START_ATTEMPTS} attempts)`);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const { child, url, entry } = started;

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    killGroup(child);
    await waitForExit(child, 5_000);
    running.delete(entry);
    rmSync(dir, { recursive: true, force: true });
  };

  let token: string;
  try {
    token = await createUser(url);
  } catch (error) {
    await stop();
    throw error;
  }

  const hostPath = url.replace(/^http:/, ""); // "//127.0.0.1:PORT/"
  const authLine = `${hostPath}:_authToken=${token}`;
  let publishes = 0;

  return {
    url,
    token,
    npmrc(scopes) {
      const lines = scopes.map((scope) => {
        if (!/^@[a-z0-9][\w.-]*$/i.test(scope)) throw new Error(`not an npm scope: ${JSON.stringify(scope)} (expected "@name")`);
        return `${scope}:registry=${url}`;
      });
      return [...lines, authLine, ""].join("\n");
    },
    async publish(path, options = {}) {
      if (stopped) throw new Error("the registry was stopped");
      const tarball = path.endsWith(".tgz");
      if (tarball && options.usePnpm) throw new Error(`${path}: publish a tarball with npm (usePnpm is for package directories)`);
      const packageDir = tarball ? dirname(path) : path;
      const manifestPath = join(packageDir, "package.json");
      if (!tarball && !existsSync(manifestPath)) throw new Error(`no package.json in ${packageDir}`);
      if (tarball && !existsSync(path)) throw new Error(`no tarball at ${path}`);
      const manifest = tarball ? {} : (JSON.parse(readFileSync(manifestPath, "utf8")) as { name?: unknown });
      // The token lives only in this file (never on a command line); the user's ~/.npmrc is not read.
      const userconfig = join(dir, `publish-${++publishes}.npmrc`);
      writeFileSync(userconfig, `${authLine}\nregistry=${url}\n`, { mode: 0o600 });
      const scope = scopeOf(manifest.name);
      const args = [
        "publish",
        ...(tarball ? [path] : []),
        ...(options.usePnpm ? ["--no-git-checks"] : []),
        "--userconfig",
        userconfig,
        "--registry",
        url,
        // A project .npmrc mapping the scope elsewhere must not win over --registry.
        ...(scope && !options.usePnpm ? [`--${scope}:registry=${url}`] : []),
      ];
      const tool = options.usePnpm ? "pnpm" : "npm";
      const command = process.platform === "win32" ? `${tool}.cmd` : tool;
      try {
        const result = await run(command, args, packageDir);
        if (result.code !== 0) {
          // npm's notices (tarball contents) come first and hide the error: keep the other lines.
          const output = `${result.stderr}\n${result.stdout}`
            .split("\n")
            .filter((line) => !line.startsWith("npm notice"))
            .join("\n")
            .trim()
            .split(token)
            .join("***");
          throw new Error(`${tool} publish in ${packageDir} failed (exit ${result.code}):\n${output}`);
        }
      } finally {
        rmSync(userconfig, { force: true });
      }
    },
    stop,
  };
}

/** The workspace packages `@integrations/plugin-sdk` needs at runtime, in publish order (dependencies first). */
export const WORKSPACE_SDK_PACKAGES = ["core", "plugin-sdk"] as const;

/**
 * Publishes `@integrations/core` and `@integrations/plugin-sdk` from the built workspace (`dist/` must
 * exist: `pnpm build`) with `pnpm publish`, which rewrites their `workspace:^` ranges. A version the
 * registry already has is skipped, so calling this twice is harmless.
 */
export async function publishWorkspaceSdk(registry: Pick<TestRegistry, "url" | "publish">): Promise<PublishedPackage[]> {
  const published: PublishedPackage[] = [];
  for (const folder of WORKSPACE_SDK_PACKAGES) {
    const dir = workspacePath("packages", folder);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string };
    if (!existsSync(join(dir, "dist", "index.js"))) {
      throw new Error(`${manifest.name} is not built (${join(dir, "dist", "index.js")} is missing): run \`pnpm build\` first`);
    }
    const response = await fetch(`${registry.url}${manifest.name.replace("/", "%2f")}`, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(60_000),
    });
    const known = response.ok ? ((await response.json()) as { versions?: Record<string, unknown> }) : undefined;
    if (!response.ok) await response.body?.cancel();
    if (!known?.versions?.[manifest.version]) await registry.publish(dir, { usePnpm: true });
    published.push({ name: manifest.name, version: manifest.version, dir });
  }
  return published;
}
