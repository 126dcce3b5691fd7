// The whole workspace as users get it: every public package packed as `pnpm pack` packs it for
// publishing (`workspace:` ranges rewritten, `files` applied, `prepack` run) and published from that
// tarball, the way `pnpm -r publish` would.
import { spawnSync } from "node:child_process";
import { packPublicPackages, type PackedPackage } from "./pack.js";
import { childEnv, type TestRegistry } from "./registry.js";
import { makeTempDir } from "./temp.js";

/**
 * Packs every public workspace package (`packPublicPackages`: each `prepack` runs, `workspace:` ranges
 * become real ones) and publishes each tarball to `registry` with `npm publish <tarball>`, as
 * `pnpm -r publish` would. The registry must be fresh: a version it already holds makes npm fail.
 */
export async function publishWorkspace(registry: Pick<TestRegistry, "publish">): Promise<PackedPackage[]> {
  const packed = packPublicPackages(makeTempDir());
  for (const pkg of packed) await registry.publish(pkg.tarball);
  return packed;
}

/**
 * The registry npm is configured with here (`npm config get registry`, outside any project): what a
 * company mirror's uplink would point at.
 */
export function npmConfiguredRegistry(): string {
  const dir = makeTempDir();
  const result = spawnSync("npm", ["config", "get", "registry"], { cwd: dir, env: childEnv(), encoding: "utf8", shell: process.platform === "win32" });
  const url = result.stdout?.trim() ?? "";
  if (result.status !== 0 || !/^https?:\/\//.test(url)) throw new Error(`npm config get registry failed (exit ${result.status}): ${result.stderr || url}`);
  return url.endsWith("/") ? url : `${url}/`;
}
