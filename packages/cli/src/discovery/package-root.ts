import { existsSync, realpathSync } from "node:fs";
import module from "node:module";
import { dirname, sep } from "node:path";
import { isFile } from "./quiet-fs.js";

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
 * read: discovery runs this for every plugin on every start. Under Yarn Plug'n'Play (no
 * `node_modules`), where PnP's own resolver says the package is.
 */
export function installedPackageDir(packageName: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = childPath(childPath(dir, "node_modules"), packageName);
    if (existsSync(childPath(candidate, "package.json"))) return realpathSync.native(candidate);
    if (dir === dirname(dir)) return pnpPackageDir(packageName, fromDir);
  }
}

/** The part of Yarn's PnP API (https://yarnpkg.com/advanced/pnpapi) used here. */
interface PnpApi {
  resolveToUnqualified(request: string, issuer: string): string | null;
}

/**
 * The directory of `packageName` as a dependency of the package holding `fromDir`, when this process
 * runs under Yarn Plug'n'Play (`yarn <bin>` preloads `.pnp.cjs`, which adds `findPnpApi` to
 * `node:module`). Not `require.resolve("<name>/package.json")`: a package whose `exports` leaves out
 * `./package.json` refuses it. The path may be one of PnP's virtual paths (a package with peer
 * dependencies); the patched `fs` reads it and keeps it through `realpath`, and imports from there
 * see the peers PnP assigned. Read on each call: a start-up snapshot is built without PnP.
 */
function pnpPackageDir(packageName: string, fromDir: string): string | undefined {
  const findPnpApi = (module as unknown as { findPnpApi?: (lookupSource: string) => PnpApi | null }).findPnpApi;
  if (!findPnpApi) return undefined;
  try {
    const dir = findPnpApi(fromDir)?.resolveToUnqualified(packageName, childPath(fromDir, ""));
    return dir && existsSync(childPath(dir, "package.json")) ? realpathSync.native(dir) : undefined;
  } catch {
    return undefined; // not a dependency of that package: unresolved, as without PnP
  }
}

/** The nearest directory at or above `cwd` holding a package.json (the project), or undefined. */
export function projectRoot(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (isFile(childPath(dir, "package.json"))) return dir;
    if (dir === dirname(dir)) return undefined;
  }
}
