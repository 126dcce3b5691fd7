import { readdirSync, realpathSync } from "node:fs";
import { sep } from "node:path";
import { childPath } from "../package-root.js";

/** How many directories are searched for links before giving up (a package as published has a few dozen). */
const MAX_DIRECTORIES = 5_000;

/** A symbolic link inside a sandboxed plugin's readable directories whose target lies outside all of them. */
export interface EscapingLink {
  link: string;
  /** Its real target, or why it has none that can be checked. */
  target: string;
}

/**
 * The first symbolic link under `scope` (real directory paths, read-scope.ts) that leads outside
 * every one of them, or undefined. Node's permission model checks the path a plugin asks for, and
 * then follows links: a package that ships `npmrc -> ~/.npmrc` would read it. So a plugin whose
 * packages hold such a link is not started at all. One directory listing per directory, no stat
 * per file: this runs before every sandboxed start. A tree larger than `MAX_DIRECTORIES` is
 * reported as such, not searched for ever.
 */
export function escapingLink(scope: readonly string[]): EscapingLink | undefined {
  const inside = (path: string) => scope.some((dir) => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep));
  const pending = [...scope];
  let searched = 0;
  while (pending.length > 0) {
    const dir = pending.pop()!;
    if (++searched > MAX_DIRECTORIES) return { link: scope[0]!, target: `more than ${MAX_DIRECTORIES} directories to search for links` };
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable here: unreadable in the sandbox too
    }
    for (const entry of entries) {
      const path = childPath(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isSymbolicLink()) {
        const target = realTarget(path);
        if (target === undefined) continue; // dangling: leads nowhere
        if (!inside(target)) return { link: path, target };
      }
    }
  }
  return undefined;
}

function realTarget(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}
