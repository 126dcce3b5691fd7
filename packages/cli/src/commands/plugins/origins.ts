import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The file in the user plugin directory that remembers, per package, the registry it was installed
 * from when a setting that does not stay chose it (`--registry`, the environment, a project's
 * .npmrc): `{ "packages": { "<package>": "<registry URL>" } }`. Never holds tokens.
 */
export const ORIGINS_FILE = "registries.json";

/** The recorded registry of each package: package name → registry URL (empty when there is no file). */
export async function readOrigins(dir: string): Promise<Record<string, string>> {
  try {
    const json = JSON.parse(await readFile(join(dir, ORIGINS_FILE), "utf8")) as { packages?: unknown };
    const packages = json.packages && typeof json.packages === "object" ? (json.packages as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(packages).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  } catch {
    return {};
  }
}

/** Writes the records (sorted by package), or removes the file when there are none. */
export async function writeOrigins(dir: string, origins: Record<string, string>): Promise<void> {
  const packages = Object.fromEntries(Object.entries(origins).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  if (Object.keys(packages).length === 0) await rm(join(dir, ORIGINS_FILE), { force: true });
  else await writeFile(join(dir, ORIGINS_FILE), `${JSON.stringify({ packages }, null, 2)}\n`);
}
