import { join } from "node:path";

/**
 * The CLI's directory in the user's cache: `$XDG_CACHE_HOME/integrations` when that is an absolute
 * path, else `$HOME/.cache/integrations`, or undefined without either. bin/integrations looks for a
 * snapshot under the same root, by the same rule (a shell has no other way to find a home directory).
 * Holds the start-up snapshot when the package cannot be written, the code cache of the plain entry,
 * and the remembered outcomes of plugin imports.
 */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  const root = xdg?.startsWith("/") ? xdg : env.HOME ? join(env.HOME, ".cache") : undefined;
  return root === undefined ? undefined : join(root, "integrations");
}
