import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { workspacePath } from "./paths.js";

/** A workspace package that is published: its folder under packages/ and its manifest's name. */
export interface PublicPackage {
  dir: string;
  name: string;
  version: string;
}

/** What `packPublicPackages` packed: the package and its tarball's path. */
export interface PackedPackage extends PublicPackage {
  tarball: string;
}

/** Every package under packages/ that is not private, sorted by folder. */
export function publicPackages(): PublicPackage[] {
  const packagesDir = workspacePath("packages");
  // Folders only: packages/ also holds the linter's tsconfig.json.
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((dir) => {
      const manifest = JSON.parse(readFileSync(join(packagesDir, dir, "package.json"), "utf8")) as { name: string; version: string; private?: boolean };
      return manifest.private ? [] : [{ dir, name: manifest.name, version: manifest.version }];
    });
}

/**
 * Packs every public package into `destination` with `pnpm pack`, as `pnpm publish -r` would: each
 * package's `prepack` runs and `workspace:` ranges become real ones. Throws with pnpm's output on failure.
 */
export function packPublicPackages(destination: string): PackedPackage[] {
  const packages = publicPackages();
  const filters = packages.flatMap((pkg) => ["--filter", pkg.name]);
  const result = spawnSync("pnpm", ["-r", ...filters, "pack", "--pack-destination", destination, "--json"], {
    cwd: workspacePath(),
    encoding: "utf8",
    shell: process.platform === "win32",
  });
  if (result.status !== 0) throw new Error(`pnpm pack failed (exit ${result.status ?? result.error?.message}):\n${result.stderr}${result.stdout}`);
  const packed = JSON.parse(result.stdout) as { name: string; filename: string }[];
  return packages.map((pkg) => {
    const entry = packed.find((item) => item.name === pkg.name);
    if (!entry) throw new Error(`pnpm pack did not pack ${pkg.name}:\n${result.stdout}`);
    return { ...pkg, tarball: entry.filename };
  });
}
