import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The names the package in `dir` may import, as Node lets it: its `dependencies`,
 * `optionalDependencies` and `peerDependencies`, sorted, without repeats (none when its
 * package.json cannot be read). For the packages a plugin's imports reach: what the sandbox lets it
 * read, and what a verified install records.
 */
export function dependencyNames(dir: string): string[] {
  try {
    const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<string, unknown>;
    const names = ["dependencies", "optionalDependencies", "peerDependencies"].flatMap((field) => {
      const value = json[field];
      return value && typeof value === "object" ? Object.keys(value) : [];
    });
    return [...new Set(names)].sort();
  } catch {
    return [];
  }
}
