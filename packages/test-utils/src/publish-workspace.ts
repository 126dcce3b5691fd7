// The whole workspace as users get it: every public package packed as `pnpm pack` packs it for
// publishing (`workspace:` ranges rewritten, `files` applied, `prepack` run) and published from that
// tarball, the way `pnpm -r publish` would.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { workspacePath } from "./paths.js";
import { childEnv, run, type TestRegistry } from "./registry.js";
import { makeTempDir } from "./temp.js";

/** A workspace package published from its packed tarball. */
export interface PackedPackage {
  name: string;
  version: string;
  /** Its directory in the workspace. */
  dir: string;
  /** The tarball `pnpm pack` wrote (kept until the test process exits). */
  tarball: string;
}

/** How many packages are packed and published at once (2-core machines: npm is mostly waiting). */
const CONCURRENCY = 4;

/** The public (not `private`) packages under packages/, by folder name order. */
export function publicWorkspacePackages(): { name: string; version: string; dir: string }[] {
  const root = workspacePath("packages");
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, entry.name))
    .map((dir) => ({ dir, json: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string; private?: boolean } }))
    .filter(({ json }) => json.private !== true)
    .map(({ dir, json }) => ({ name: json.name, version: json.version, dir }));
}

/** `pnpm pack` of the package in `dir` into a new temp dir; returns the tarball's path. */
async function pack(dir: string): Promise<string> {
  const destination = makeTempDir();
  const result = await run("pnpm", ["pack", "--pack-destination", destination], dir);
  const tarballs = readdirSync(destination).filter((name) => name.endsWith(".tgz"));
  if (result.code !== 0 || tarballs.length !== 1) {
    throw new Error(`pnpm pack in ${dir} failed (exit ${result.code}, ${tarballs.length} tarballs):\n${`${result.stderr}\n${result.stdout}`.trim()}`);
  }
  return join(destination, tarballs[0]!);
}

/**
 * Packs every public workspace package (`dist/` must be built: `pnpm build`) and publishes each
 * tarball to `registry` with `npm publish <tarball>`. The registry must be fresh: a version it
 * already holds makes npm fail.
 */
export async function publishWorkspace(registry: Pick<TestRegistry, "publish">): Promise<PackedPackage[]> {
  const packages = publicWorkspacePackages();
  const done: PackedPackage[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < packages.length) {
      const item = packages[next++]!;
      const tarball = await pack(item.dir);
      await registry.publish(tarball);
      done.push({ ...item, tarball });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return done.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
