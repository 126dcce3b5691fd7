import { readFile, realpath } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Walks up from a module file to the directory (symlinks resolved) of the package.json named `packageName`. */
export async function packageRoot(file: string, packageName: string): Promise<string | undefined> {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const json = await readFile(join(dir, "package.json"), "utf8").then((t) => JSON.parse(t) as { name?: string }, () => undefined);
    if (json?.name === packageName) return realpath(dir);
  }
  return undefined;
}
