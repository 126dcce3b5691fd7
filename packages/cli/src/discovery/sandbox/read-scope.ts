import { installedPackageDir } from "../package-root.js";
import { dependencyNames } from "../dependency-names.js";

/** How many packages a plugin's imports may reach: past it, the rest are left unreadable (the import then fails naming the module). */
const MAX_PACKAGES = 500;

/**
 * The directories a sandboxed plugin may read (real paths): its package directory and the directory
 * of every package its imports can resolve to, found as Node's resolution finds them (the nearest
 * `node_modules` at or above the importing package) through `dependencies`, `optionalDependencies`
 * and `peerDependencies`, transitively. A dependency that is not installed is left out: importing it
 * fails as it would in process.
 */
export function readScope(packageDir: string): string[] {
  const found = new Set<string>([packageDir]);
  const queue = [packageDir];
  while (queue.length > 0 && found.size < MAX_PACKAGES) {
    const dir = queue.shift()!;
    for (const name of dependencyNames(dir)) {
      const dependency = installedPackageDir(name, dir);
      if (dependency === undefined || found.has(dependency)) continue;
      found.add(dependency);
      queue.push(dependency);
    }
  }
  return [...found];
}
