import { lstatSync, readlinkSync, realpathSync, statSync, type Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { FileError } from "../errors.js";
import { ioProblem } from "./io-problem.js";

/** Symlinks followed before giving up (Linux's own limit, ELOOP). */
const MAX_LINKS = 40;

/**
 * The file a write to `file` must replace: `file` itself, or the end of its chain of symlinks, even
 * when that end does not exist yet (a dangling link is written through: its target is created and
 * the link kept). The directory part is canonical (`realpath`), so that every spelling of the same
 * file (relative, absolute, through a linked directory or a link) has the same lock beside it.
 *
 * @returns an absolute path.
 * @throws FileError when the chain loops, or the directory the target belongs in does not exist.
 */
export function resolveConfigTarget(file: string): string {
  let path = resolve(file);
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    let info: Stats | undefined;
    try {
      info = lstatSync(path);
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw new FileError(ioProblem(error, "read", path));
    }
    if (!info?.isSymbolicLink()) return join(canonicalDirectory(path, file), basename(path));
    path = resolve(dirname(path), readlinkSync(path));
  }
  throw new FileError(`${file} is a chain of more than ${MAX_LINKS} symlinks (a loop?); point it at the config file`);
}

/** Synchronous, as the whole file layer (see lock-state.ts). */
function canonicalDirectory(path: string, file: string): string {
  const linked = path !== resolve(file);
  const dir = linked ? dirname(path) : dirname(file);
  const info = existing(dir);
  if (!info?.isDirectory()) {
    const what = linked ? `${path} (the target of the symlink ${file})` : file;
    const inTheWay = info ? dir : notADirectory(dir);
    if (inTheWay !== undefined) throw new FileError(`cannot create ${what}: ${inTheWay} is a file, not a directory; choose another path for the config file`);
    throw new FileError(`cannot create ${what}: directory ${dir} does not exist; create it first (mkdir -p ${dir})`);
  }
  return realpathSync.native(dir);
}

/** The nearest existing ancestor of the missing directory `dir` when it is not a directory (then `mkdir -p` cannot help). */
function notADirectory(dir: string): string | undefined {
  for (let at = dirname(dir); at !== dirname(at); at = dirname(at)) {
    const info = existing(at);
    if (info) return info.isDirectory() ? undefined : at;
  }
  return undefined;
}

/** `path`'s stats, or undefined when nothing is there (ENOENT; ENOTDIR when a part of it is a file). */
function existing(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
}
