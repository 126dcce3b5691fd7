import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { entriesOf, isDirectory, realpathOrUndefined, textOrUndefined } from "./quiet-fs.js";

/** What locating the global installs depends on; the running process's by default (tests pass their own). */
export interface GlobalContext {
  env: Record<string, string | undefined>;
  home: string;
  execPath: string;
  platform: NodeJS.Platform;
}

function current(): GlobalContext {
  return { env: process.env, home: homedir(), execPath: process.execPath, platform: process.platform };
}

/**
 * An environment variable looked up case-insensitively (npm reads `npm_config_prefix` and
 * `NPM_CONFIG_PREFIX` alike; when several spellings are set, the last one wins, as in npm). Empty
 * values count as unset.
 */
export function envValue(env: GlobalContext["env"], name: string): string | undefined {
  let found: string | undefined;
  const wanted = name.toLowerCase();
  // Only the matching names' values are read: each read of process.env is a call into Node.
  for (const key of Object.keys(env)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = env[key];
    if (value) found = value;
  }
  return found;
}

/**
 * npm's global prefix, derived without spawning npm: `npm_config_prefix` in the environment (any
 * case), else a `prefix=` line in the user's npmrc (`$npm_config_userconfig`, else `~/.npmrc`), else
 * the prefix of the running node binary (`<prefix>/bin/node` on POSIX, `<prefix>\node.exe` on Windows).
 * Reads synchronously, as all of discovery does: it runs on every start.
 */
export function npmPrefix(context: GlobalContext = current()): string {
  const fromEnv = envValue(context.env, "npm_config_prefix");
  if (fromEnv) return resolve(expandHome(fromEnv, context.home));
  const userconfig = expandHome(envValue(context.env, "npm_config_userconfig") ?? join(context.home, ".npmrc"), context.home);
  const text = textOrUndefined(userconfig);
  const fromRc = text === undefined ? undefined : npmrcValue(text, "prefix", context);
  if (fromRc) return isAbsolute(fromRc) ? fromRc : resolve(dirname(userconfig), fromRc);
  return context.platform === "win32" ? dirname(context.execPath) : dirname(dirname(context.execPath));
}

/** Where `npm install -g` puts packages: `<prefix>/lib/node_modules` (POSIX), `<prefix>\node_modules` (Windows). */
export function npmGlobalRoot(context: GlobalContext = current()): string {
  const prefix = npmPrefix(context);
  return context.platform === "win32" ? join(prefix, "node_modules") : join(prefix, "lib", "node_modules");
}

/**
 * The `node_modules` directories of pnpm's global installs, in `<pnpm home>/global`, where pnpm's home
 * is `$PNPM_HOME`, else `$XDG_DATA_HOME/pnpm`, else the platform default (`~/.local/share/pnpm`;
 * `~/Library/pnpm` on macOS; `%LOCALAPPDATA%\pnpm` on Windows). Two layouts:
 *
 * - pnpm 10 and older: one shared `global/<layout version>/node_modules` (`global/5/node_modules`).
 * - pnpm 11 and newer: `global/v<N>/`, where each `pnpm add -g` gets an install directory of its own
 *   (`<pid>-<time>/node_modules`) and a symlink named by a hash of its packages points at it. Only
 *   install directories a hash symlink points at are current: pnpm's own `list -g` reads them so,
 *   and a directory no link names is a half-done or replaced install that pnpm deletes later.
 *
 * Costs one directory read per layout version and one `realpath` per global install group.
 */
export function pnpmGlobalNodeModules(context: GlobalContext = current()): string[] {
  const globalDir = join(pnpmHome(context), "global");
  const found: string[] = [];
  for (const version of entriesOf(globalDir)
    .map((entry) => entry.name)
    .sort()) {
    const dir = join(globalDir, version);
    if (/^v\d+$/.test(version)) found.push(...installGroups(dir));
    else found.push(join(dir, "node_modules"));
  }
  return [...new Set(found)].filter(isDirectory);
}

/** The `node_modules` of each install directory that a hash symlink in `dir` (pnpm 11+'s `global/v<N>`) points at, in the links' name order. */
function installGroups(dir: string): string[] {
  const groups: string[] = [];
  for (const entry of entriesOf(dir).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!entry.isSymbolicLink()) continue;
    const target = realpathOrUndefined(join(dir, entry.name));
    if (target !== undefined) groups.push(join(target, "node_modules"));
  }
  return groups;
}

function pnpmHome(context: GlobalContext): string {
  const explicit = envValue(context.env, "PNPM_HOME");
  if (explicit) return explicit;
  const xdg = envValue(context.env, "XDG_DATA_HOME");
  if (xdg) return join(xdg, "pnpm");
  if (context.platform === "darwin") return join(context.home, "Library", "pnpm");
  if (context.platform === "win32") return join(envValue(context.env, "LOCALAPPDATA") ?? join(context.home, "AppData", "Local"), "pnpm");
  return join(context.home, ".local", "share", "pnpm");
}

/** The global `node_modules` directories to scan (docs/design.md "Discovery" source 5): npm's global root, then pnpm's. */
export function globalNodeModules(context: GlobalContext = current()): string[] {
  return [...new Set([npmGlobalRoot(context), ...pnpmGlobalNodeModules(context)])];
}

/**
 * The value of `key` in an npmrc text (the last assignment wins), unquoted, with `${VAR}` replaced
 * from the environment and a leading `~/` expanded, as npm does for path settings.
 */
export function npmrcValue(text: string, key: string, context: Pick<GlobalContext, "env" | "home">): string | undefined {
  let value: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith(";") || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq === -1 || line.slice(0, eq).trim() !== key) continue;
    let v = line.slice(eq + 1).trim();
    if (/^"(.*)"$/.test(v)) v = v.slice(1, -1);
    else if (/^'(.*)'$/.test(v)) v = v.slice(1, -1);
    value = v.replace(/(\\*)\$\{([^${}?]+)\}/g, (whole, escapes: string, name: string) => (escapes.length % 2 ? whole.slice(1) : `${escapes}${context.env[name] ?? ""}`));
  }
  return value ? expandHome(value, context.home) : undefined;
}

function expandHome(path: string, home: string): string {
  return path === "~" ? home : path.startsWith("~/") ? join(home, path.slice(2)) : path;
}
