import { readFile, stat } from "node:fs/promises";
import { dirname } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { FileError } from "../errors.js";

/**
 * Reads a config file's bytes; `undefined` when it does not exist (an add then creates it).
 *
 * @throws FileError when the path is a directory, its parent directory does not exist, or it cannot be read.
 */
export async function readConfigBytes(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      await requireDirectory(dirname(file), file);
      return undefined;
    }
    if (code === "EISDIR") throw new FileError(`${file} is a directory, not a config file; pass the file with -file <dir>/config.yaml`);
    throw new FileError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * Checks that the directory a config file lives in exists, before anything (the lock, the temp file)
 * is created beside the file.
 *
 * @throws FileError naming the directory and the command that creates it.
 */
export async function requireParentDirectory(file: string): Promise<void> {
  await requireDirectory(dirname(file), file);
}

async function requireDirectory(dir: string, file: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new FileError(`cannot create ${file}: directory ${dir} does not exist; create it first (mkdir -p ${dir})`);
  }
}

/**
 * Replaces a config file atomically: the bytes go to a temp file in the same directory, which is then
 * renamed over the target. A symlink is followed (its target is replaced, the link kept) and an
 * existing file's mode is kept.
 *
 * @throws FileError when the existing file has no write permission bit (checked explicitly, since
 *   root ignores permission bits) or the write fails.
 */
export async function writeConfigBytes(file: string, bytes: Buffer): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (info && (info.mode & 0o222) === 0) {
    throw new FileError(`${file} is read-only (mode ${(info.mode & 0o777).toString(8)}); make it writable (chmod u+w ${file}) and run again`);
  }
  try {
    await writeFileAtomic(file, bytes, { fsync: true });
  } catch (error) {
    throw new FileError(`cannot write ${file}: ${(error as Error).message}`);
  }
}
