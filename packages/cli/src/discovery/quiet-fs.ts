// Synchronous file-system reads for discovery, which runs on every start and reads many small files
// (one thread-pool round trip each would cost more than the read). Each answers "nothing there"
// instead of throwing: a missing or unreadable path is an ordinary answer in discovery.
import { readFileSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";

/** `fs.statSync` (symlinks followed), or undefined when there is nothing readable there. */
export function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Whether `path` is a file (symlinks followed). */
export function isFile(path: string): boolean {
  return statOrUndefined(path)?.isFile() ?? false;
}

/** Whether `path` is a directory; symlinks are followed, so a pnpm-style link counts and a dangling one does not. */
export function isDirectory(path: string): boolean {
  return statOrUndefined(path)?.isDirectory() ?? false;
}

/** The entries of directory `dir` (name and type, one system call), or none when it cannot be read. */
export function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** The text of `file` (UTF-8), or undefined when it cannot be read. */
export function textOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The real path of `path` (symlinks resolved), or undefined when it leads nowhere (a dangling link). */
export function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}
