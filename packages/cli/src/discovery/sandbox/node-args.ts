import { join } from "node:path";
import { CLI_PACKAGE_DIR } from "../../runtime/package-dir.js";

/** The sandbox's own code, as tsc leaves it in the CLI package: the child and what it imports (default-export.js). */
const CHILD_DIR = join(CLI_PACKAGE_DIR, "dist", "discovery", "sandbox");
export const CHILD_SCRIPT = join(CHILD_DIR, "child.js");
const CHILD_IMPORTS = [join(CHILD_DIR, "*"), join(CLI_PACKAGE_DIR, "dist", "discovery", "default-export.js")];

/** A sandboxed plugin's heap, in MiB: a plugin builds one small block; a runaway one fails here rather than taking the machine's memory. */
const HEAP_MIB = 256;

/**
 * node's arguments for a sandboxed plugin whose packages are `readable` (real directory paths):
 * the permission model on, reads allowed in those directories and the sandbox's own files only,
 * nothing else granted (no writes, child processes, workers, native addons, WASI, inspector). Node
 * 20 spells it `--experimental-permission`; from Node 22.13/23.5 it is `--permission`. Its
 * ExperimentalWarning is turned off here: the user never sees it.
 */
export function sandboxNodeArgs(readable: readonly string[], entryUrl: string): string[] {
  const permission = process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";
  return [
    permission,
    "--disable-warning=ExperimentalWarning",
    `--max-old-space-size=${HEAP_MIB}`,
    ...[...CHILD_IMPORTS, ...readable.map((dir) => join(dir, "*"))].map((path) => `--allow-fs-read=${path}`),
    CHILD_SCRIPT,
    entryUrl,
  ];
}
