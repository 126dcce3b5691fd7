import { dirname, join, relative, sep } from "node:path";
import { isDirectory } from "./quiet-fs.js";
import { dependencyNames } from "./dependency-names.js";

/**
 * The places (relative to `userDir`, `/`-separated: `node_modules/a`, `node_modules/a/node_modules/b`)
 * of the package installed at `start` and of every package its imports resolve to inside `userDir`'s
 * node_modules, as Node resolves them: each of `dependencies`, `optionalDependencies` and
 * `peerDependencies` that is installed, looked for in the nearest `node_modules` first, then in the
 * ones above, up to `userDir`'s. Its own place comes first; a dependency installed nowhere there is
 * left out (Node would look beyond the user directory, or fail).
 */
export function packageClosure(userDir: string, start: string): string[] {
  const seen = new Set<string>();
  const visit = (place: string) => {
    if (seen.has(place)) return;
    seen.add(place);
    for (const name of dependencyNames(join(userDir, place))) {
      const found = resolvePlace(userDir, place, name);
      if (found !== undefined) visit(found);
    }
  };
  visit(start);
  return [...seen];
}

/** The place of package `name` as Node finds it from the package at `place`, or undefined. */
function resolvePlace(userDir: string, place: string, name: string): string | undefined {
  for (let dir = place; ; dir = dirname(dir)) {
    if (!dir.endsWith("node_modules")) {
      const candidate = dir === "." ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      if (isDirectory(join(userDir, candidate))) return candidate;
    }
    if (dir === "." || dir === "") return undefined;
  }
}

/** `path` (inside `userDir`) as a place: relative, `/`-separated. */
export function placeOf(userDir: string, path: string): string {
  return relative(userDir, path).split(sep).join("/");
}
