// The benchmark's one temp dir: removed at the end, on an error and on Ctrl-C.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let dir;

export function removeTempDir() {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

export function makeBenchTempDir() {
  dir = mkdtempSync(join(tmpdir(), "integrations-bench-"));
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      removeTempDir();
      process.exit(130);
    });
  }
  return dir;
}
