import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const created: string[] = [];
process.on("exit", () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (relative path → content) under `dir`, creating directories as needed. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** A new temp directory holding `files`, removed when the test process exits. */
export function makeTempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "integrations-test-"));
  created.push(dir);
  writeFiles(dir, files);
  return dir;
}
