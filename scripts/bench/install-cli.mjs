// The CLI as a user gets it from a registry: every workspace package published from its packed
// tarball to a local Verdaccio (loopback, uplink to npm's configured registry, as the registry
// end-to-end test does), then `npm install -g @integrations/cli` by a new user (empty HOME, the
// registry in ~/.npmrc, an empty global prefix). The first install fills Verdaccio's uplink cache and
// npm's cache; the second, into a fresh prefix, is the one timed.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { npmConfiguredRegistry, publishWorkspace, registryUser, startRegistry } from "@integrations/test-utils";
import { ensureVerdaccio } from "../ensure-verdaccio.mjs";

const INSTALL = ["install", "-g", "@integrations/cli"];

/** Runs `npm install -g @integrations/cli` as `user` into `prefix` (its bin first on PATH); returns wall ms. */
function timedInstall(user, prefix) {
  const path = user.env.PATH.split(":").map((dir) => (dir === join(user.prefix, "bin") ? join(prefix, "bin") : dir));
  const env = { NPM_CONFIG_PREFIX: prefix, PATH: path.join(":") };
  const start = performance.now();
  user.ok("npm", INSTALL, user.home, env);
  return { ms: performance.now() - start, env: { ...user.env, ...env } };
}

/**
 * Publishes the workspace to a fresh local registry and installs the CLI twice as a new user; stops
 * the registry before returning. `env` is the user's environment with the timed install's prefix.
 */
export async function installFromRegistry(onStep) {
  ensureVerdaccio();
  const uplink = npmConfiguredRegistry();
  const registry = await startRegistry({ uplink });
  try {
    onStep(`registry: Verdaccio on ${registry.url} (loopback), uplink ${uplink}; packing and publishing the workspace`);
    const published = await publishWorkspace(registry);
    const user = registryUser(registry);
    const throwAway = timedInstall(user, user.prefix);
    onStep(`first install (throw-away, fills the caches): ${(throwAway.ms / 1000).toFixed(1)} s`);
    const prefix = join(user.home, "..", "npm-prefix-timed");
    const timed = timedInstall(user, prefix);
    return {
      command: `npm ${INSTALL.join(" ")}`,
      registry: { url: registry.url, uplink, packages: published.length },
      throwAwayMs: throwAway.ms,
      ms: timed.ms,
      prefix,
      bin: join(prefix, "bin", "integrations"),
      env: timed.env,
    };
  } finally {
    await registry.stop();
  }
}
