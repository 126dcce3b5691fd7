import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";

/**
 * Every entry under `dir`, one line each, sorted: `d <path>` for a directory (empty ones too),
 * `f <path> <sha256>` for a file, `l <path> -> <target>` for a symlink (not followed). Two
 * listings are equal when the tree is the same byte for byte. `null` when `dir` does not exist.
 */
export function treeListing(dir: string): string[] | null {
  if (!existsSync(dir)) return null;
  const lines: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, entry);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) lines.push(`l ${entry} -> ${readlinkSync(path)}`);
    else if (stat.isDirectory()) lines.push(`d ${entry}`);
    else lines.push(`f ${entry} ${createHash("sha256").update(readFileSync(path)).digest("hex")}`);
  }
  return lines.sort();
}
