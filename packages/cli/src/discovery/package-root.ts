import { realpathSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

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

