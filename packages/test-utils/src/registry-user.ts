// A new user of a test registry, as after a fresh OS install: an empty HOME whose ~/.npmrc names the
// registry, an empty npm global prefix and PNPM_HOME, and an environment built from nothing.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import type { TestRegistry } from "./registry.js";
import { makeTempDir, writeFiles } from "./temp.js";

/** What one command run as a `RegistryUser` did. */
export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** A user whose only registry is a test registry. */
export interface RegistryUser {
  home: string;
  /** npm's global prefix (`NPM_CONFIG_PREFIX`): `npm install -g` puts bins in `<prefix>/bin`. */
  prefix: string;
  /** pnpm's home: `pnpm add -g` puts bins in `<PNPM_HOME>/bin` (on PATH: pnpm 12 refuses otherwise). */
  pnpmHome: string;
  env: NodeJS.ProcessEnv;
  /** Runs `command args` in `cwd` as this user, `env` added (bounded: killed after `guardMs`). */
  run(command: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Ran;
  /** `run`, throwing unless it exits 0, with the command and its output (the token masked). */
  ok(command: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Ran;
}

/** Variables kept from the test process: certificates, locale, temp dir, terminal type. */
const KEPT = ["NODE_EXTRA_CA_CERTS", "LANG", "TMPDIR", "TERM"];

/**
 * A new user whose ~/.npmrc holds `registry=<url>` and the token line. Nothing else is inherited
 * (no `npm_config_*`, `INTEGRATIONS_*`, `CI`, `NODE_OPTIONS`); PATH is the user's bin directories,
 * node's and the system's.
 *
 * @param guardMs how long one command may run (installs through an uplink are slow): a bound, not a speed check.
 */
export function registryUser(registry: Pick<TestRegistry, "url" | "token" | "npmrc">, guardMs = 240_000): RegistryUser {
  const root = makeTempDir();
  const home = join(root, "home");
  const prefix = join(root, "npm-prefix");
  const pnpmHome = join(root, "pnpm-home");
  writeFiles(home, { ".npmrc": `registry=${registry.url}\n${registry.npmrc([])}` });
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(KEPT.filter((key) => process.env[key] !== undefined).map((key) => [key, process.env[key]])),
    HOME: home,
    PATH: [join(prefix, "bin"), join(pnpmHome, "bin"), dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(":"),
    NPM_CONFIG_PREFIX: prefix,
    PNPM_HOME: pnpmHome,
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    NO_COLOR: "1",
    NO_PROXY: "127.0.0.1,localhost",
    no_proxy: "127.0.0.1,localhost",
  };
  const run = (command: string, args: readonly string[], cwd: string, extra: NodeJS.ProcessEnv = {}): Ran => {
    const result = spawnSync(command, args, { cwd, env: { ...env, ...extra }, encoding: "utf8", timeout: guardMs, killSignal: "SIGKILL" });
    if (result.error) throw result.error;
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  };
  const ok = (command: string, args: readonly string[], cwd: string, extra?: NodeJS.ProcessEnv): Ran => {
    const result = run(command, args, cwd, extra);
    if (result.code !== 0) {
      const output = `${result.stdout}\n${result.stderr}`.split(registry.token).join("***").trim();
      throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${result.code}:\n${output.slice(-4000)}`);
    }
    return result;
  };
  return { home, prefix, pnpmHome, env, run, ok };
}
