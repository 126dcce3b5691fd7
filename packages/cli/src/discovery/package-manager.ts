import module from "node:module";
import { dirname } from "node:path";
import { childPath } from "./package-root.js";
import { isFile, textOrUndefined } from "./quiet-fs.js";

/** The package manager a project is installed with, as its own files say. */
export type PackageManager = "npm" | "pnpm" | "yarn";

/** The commands of one package manager that messages advise, in a project of it. */
export interface PackageManagerCommands {
  /** Installs what package.json declares: `npm install`. */
  install: string;
  /** Adds a package to the project: `npm install`, `pnpm add`, `yarn add`. */
  add: string;
  /** Runs the project's own `integrations` bin: `npx integrations`. */
  exec: string;
}

const COMMANDS: Record<PackageManager, PackageManagerCommands> = {
  npm: { install: "npm install", add: "npm install", exec: "npx integrations" },
  pnpm: { install: "pnpm install", add: "pnpm add", exec: "pnpm exec integrations" },
  yarn: { install: "yarn install", add: "yarn add", exec: "yarn integrations" },
};

/**
 * The package manager of the project in `dir`: its lockfile (`pnpm-lock.yaml`, `yarn.lock`,
 * `package-lock.json`), else the `packageManager` field of its package.json (`pnpm@10.0.0`), else npm.
 */
export function packageManagerOf(dir: string): PackageManager {
  if (isFile(childPath(dir, "pnpm-lock.yaml"))) return "pnpm";
  if (isFile(childPath(dir, "yarn.lock"))) return "yarn";
  if (isFile(childPath(dir, "package-lock.json")) || isFile(childPath(dir, "npm-shrinkwrap.json"))) return "npm";
  const field = /"packageManager"\s*:\s*"(npm|pnpm|yarn)@/.exec(textOrUndefined(childPath(dir, "package.json")) ?? "");
  return (field?.[1] as PackageManager | undefined) ?? "npm";
}

/** The commands to advise for the project in `dir` (`packageManagerOf`). */
export function commandsFor(dir: string): PackageManagerCommands {
  return COMMANDS[packageManagerOf(dir)];
}

/**
 * The Plug'n'Play file of the Yarn project holding `dir` (`.pnp.cjs`, or Yarn 2's `.pnp.js`, in `dir`
 * or above it: a workspace's is at the repository root), when there is one and this process does not
 * run under Plug'n'Play itself: then the project's packages sit in zip archives that only a process
 * started by Yarn (`yarn integrations …`) can load. Asked only for a package that was not found.
 */
export function foreignPnpFile(dir: string): string | undefined {
  if ((module as unknown as { findPnpApi?: unknown }).findPnpApi) return undefined;
  for (let at = dir; ; at = dirname(at)) {
    for (const name of [".pnp.cjs", ".pnp.js"]) if (isFile(childPath(at, name))) return childPath(at, name);
    if (at === dirname(at)) return undefined;
  }
}

/**
 * Why a package of the Plug'n'Play project of `pnpFile` cannot be loaded by this process, and the two
 * fixes: run the project's own CLI through Yarn, or have Yarn lay out a `node_modules`.
 */
export function pnpAdvice(pnpFile: string): string {
  return (
    `the project uses Yarn Plug'n'Play (${pnpFile}, no node_modules), whose packages only a CLI started by Yarn can load: ` +
    `run the project's own CLI with yarn integrations … (yarn add -D @integrations/cli first if it has none), ` +
    `or set nodeLinker: node-modules in ${childPath(dirname(pnpFile), ".yarnrc.yml")} and run yarn install`
  );
}
