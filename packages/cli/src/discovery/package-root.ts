import { realpathSync, statSync } from "node:fs";
import { readFile, realpath } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Walks up from a module file to the directory (symlinks resolved) of the package.json named `packageName`. */
export async function packageRoot(file: string, packageName: string): Promise<string | undefined> {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const json = await readFile(join(dir, "package.json"), "utf8").then((t) => JSON.parse(t) as { name?: string }, () => undefined);
    if (json?.name === packageName) return realpath(dir);
  }
  return undefined;
}

/**
 * The directory (symlinks resolved, as pnpm lays packages out) of package `packageName` in the
 * nearest `node_modules` at or above `fromDir` that has it: where Node's resolution of a bare
 * specifier looks. One stat per level, no package.json read twice.
 */
export function installedPackageDir(packageName: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", packageName);
    if (statSync(join(candidate, "package.json"), { throwIfNoEntry: false })?.isFile()) return realpathSync.native(candidate);
    if (dir === dirname(dir)) return undefined;
  }
}

