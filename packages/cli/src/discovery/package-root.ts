import { existsSync, realpathSync } from "node:fs";
import { dirname, sep } from "node:path";

/**
 * `dir` and `name` joined by one separator, for a `name` without `.` or `..` segments (a package
 * name, a file name): the same file as `path.join(dir, name)`, as normalised as `dir` is (discovery
 * passes working directories and real paths). Discovery builds a few paths for every plugin on
 * every start, and `path.join` re-normalises each one character by character.
 */
export function childPath(dir: string, name: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

/**
 * The directory (symlinks resolved, as pnpm lays packages out) of package `packageName` in the
 * nearest `node_modules` at or above `fromDir` that has it: where Node's resolution of a bare
 * specifier looks. One existence check (`access`, no stat object built) per level, no package.json
 * read: discovery runs this for every plugin on every start.
 */
export function installedPackageDir(packageName: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = childPath(childPath(dir, "node_modules"), packageName);
    if (existsSync(childPath(candidate, "package.json"))) return realpathSync.native(candidate);
    if (dir === dirname(dir)) return undefined;
  }
}

