// What should not reach a user's machine, looked for in an installed node_modules tree.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** Our packages: the CLI, core, the SDK, the built-ins, and plugins of the tests' `@acme` scope. */
const OUR_PACKAGE = /^(@integrations\/[^/]+|integrations-plugin-[^/]+|@acme\/integrations-plugin[^/]*)$/;

/** What an installed tree of our packages holds that it should not, by kind. */
const KINDS: { kind: string; matches: (file: string, packageDir: string) => boolean }[] = [
  { kind: "test files", matches: (file) => /\.test\.[cm]?[jt]sx?(\.map)?$/.test(file) },
  { kind: "TypeScript sources", matches: (file) => /\.[cm]?tsx?$/.test(file) && !/\.d\.[cm]?ts$/.test(file) },
  // A start-up snapshot made at install time on this machine is expected; one from a tarball is not.
  { kind: "a dist/snapshot not made by this machine's node", matches: (file, dir) => relative(dir, file).split(/[\\/]/).slice(0, 2).join("/") === "dist/snapshot" && !madeByThisNode(file) },
  { kind: "build state (.tsbuildinfo)", matches: (file) => file.endsWith(".tsbuildinfo") },
  { kind: "source maps whose sources are not shipped", matches: (file) => file.endsWith(".map") && !mapSourcesExist(file) },
];

/** Whether `file` sits in a snapshot directory whose `node` is a hard link to the node running this. */
function madeByThisNode(file: string): boolean {
  const link = statSync(join(dirname(file), "node"), { throwIfNoEntry: false });
  const node = statSync(process.execPath);
  return link !== undefined && link.ino === node.ino && link.dev === node.dev;
}

function mapSourcesExist(file: string): boolean {
  try {
    const map = JSON.parse(readFileSync(file, "utf8")) as { sources?: string[]; sourceRoot?: string; sourcesContent?: unknown[] };
    if (Array.isArray(map.sourcesContent) && map.sourcesContent.length > 0) return true;
    return (map.sources ?? []).every((source) => existsSync(resolve(dirname(file), map.sourceRoot ?? "", source)));
  } catch {
    return false;
  }
}

/** What `installedTreeProblems` found. */
export interface InstalledTree {
  /** Our packages found, by name, sorted. */
  packages: string[];
  /** One line per package and kind: `name: kind (N: first path, …)`, paths relative to the package. */
  problems: string[];
}

/**
 * Walks the node_modules tree at `root` (symlinks followed, each real directory once) and lists, in
 * each of our packages, test files, TypeScript sources (`*.ts`, not `*.d.ts`), a `dist/snapshot`,
 * `.tsbuildinfo` files and source maps pointing at sources the package does not hold.
 */
export function installedTreeProblems(root: string): InstalledTree {
  const found = new Map<string, Map<string, string[]>>();
  const seen = new Set<string>();
  const walk = (dir: string, owner?: { name: string; dir: string }): void => {
    const real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name ?? "";
      owner = OUR_PACKAGE.test(name) ? { name, dir } : undefined;
      if (owner && !found.has(name)) found.set(name, new Map());
    }
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (lstatSync(path).isSymbolicLink() && !existsSync(path)) continue;
      if (statSync(path).isDirectory()) {
        walk(path, entry === "node_modules" ? undefined : owner);
      } else if (owner) {
        for (const { kind, matches } of KINDS) {
          if (!matches(path, owner.dir)) continue;
          const kinds = found.get(owner.name)!;
          kinds.set(kind, [...(kinds.get(kind) ?? []), relative(owner.dir, path)]);
        }
      }
    }
  };
  walk(root);
  const problems = [...found].flatMap(([name, kinds]) => [...kinds].map(([kind, paths]) => `${name}: ${kind} (${paths.length}: ${paths.slice(0, 2).join(", ")}${paths.length > 2 ? ", …" : ""})`));
  return { packages: [...found.keys()].sort(), problems: problems.sort() };
}
