/**
 * File system failures in plain words: one line with what failed and how to fix it, instead of Node's
 * `EACCES: permission denied, open 'config.yaml'`.
 */

/** A file's permission bits as `chmod` takes them: `644`, `000`. */
export function modeText(mode: number): string {
  return (mode & 0o777).toString(8).padStart(3, "0");
}

/** Node's own words for a system error without its code, call and paths (`EIO: i/o error, read` → `i/o error`). */
function plainWords(error: NodeJS.ErrnoException): string {
  if (!error.code || !error.syscall || !error.message.startsWith(`${error.code}: `)) return error.message;
  const words = error.message.slice(error.code.length + 2);
  const call = words.lastIndexOf(`, ${error.syscall}`);
  return call > 0 ? words.slice(0, call) : words;
}

/**
 * `cannot <verb> <file>: <why>; <fix>` for an error thrown by a read or write of `file`. A permission
 * error from `stat`/`lstat` is about a directory on the way to the file; from `open` or a read, the file's own mode.
 *
 * @example ioProblem(eaccesFromOpen, "read", "config.yaml")
 * // "cannot read config.yaml: permission denied; check its mode (chmod u+r config.yaml)"
 */
export function ioProblem(error: unknown, verb: "read" | "write", file: string): string {
  const failure = error as NodeJS.ErrnoException;
  return `cannot ${verb} ${file}: ${why(failure, verb, file)}`;
}

function why(error: NodeJS.ErrnoException, verb: "read" | "write", file: string): string {
  switch (error.code) {
    case "EACCES":
    case "EPERM":
      if (error.syscall === "stat" || error.syscall === "lstat") return "permission denied on a directory in its path; check that each directory is searchable (chmod u+x <dir>)";
      return `permission denied; check its mode (chmod u+${verb === "read" ? "r" : "w"} ${file})`;
    case "EROFS":
      return "it is on a read-only file system; copy it to a writable place and pass that with -file";
    case "ENOSPC":
    case "EDQUOT":
      return "no space left on the device; free some space and run again";
    case "ELOOP":
      return "too many levels of symlinks (a loop?); point -file at the config file";
    case "EMFILE":
    case "ENFILE":
      return "too many open files; close some programs and run again";
    default:
      return plainWords(error);
  }
}
