#!/usr/bin/env node
// Makes the checkout's start-up snapshot (packages/cli/dist/snapshot/), after `tsc -b` and
// scripts/build-bundles.mjs, with the same code an installed CLI runs at install time or in
// `integrations snapshot build` (packages/cli/src/startup/snapshot-build.ts). The checkout's snapshot also
// watches every source of the bundle (dist/bundle/sources.json), so a rebuild of dist or a changed
// dependency makes it stale.
//
// When the machine cannot have one (node binary on another file system, …) the build says so and
// bin/integrations runs the plain entry dist/bundle/bin.js: slower, same results. A timer made while
// the snapshot was built is our bug, not the machine's (snapshot-build-guard.ts): that fails loudly.
// Set INTEGRATIONS_NO_SNAPSHOT=1 to skip the build (and, at run time, to skip the snapshot).
//
// Usage: node scripts/build-snapshot.mjs [--cli-dir DIR]   (default packages/cli; the tests build a
// copy of the CLI package elsewhere to prove that a stale snapshot is never used)
import { rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const cliDirAt = process.argv.indexOf("--cli-dir");
const CLI = cliDirAt > 0 ? resolve(process.argv[cliDirAt + 1]) : join(ROOT, "packages", "cli");
const OUT = join(CLI, "dist", "snapshot");

rmSync(OUT, { recursive: true, force: true });
if (process.env.INTEGRATIONS_NO_SNAPSHOT) {
  console.log("build-snapshot: skipped (INTEGRATIONS_NO_SNAPSHOT is set); bin/integrations runs dist/bundle/bin.js");
  process.exit(0);
}
const { buildSnapshot } = await import(pathToFileURL(join(CLI, "dist", "startup", "snapshot-build.js")).href);
try {
  const built = buildSnapshot(OUT);
  console.log(`build-snapshot: ${relative(ROOT, join(OUT, "integrations.blob"))} for ${built.node} (${built.nodeVersion}), ${built.watched} inputs watched, ${built.ms} ms`);
} catch (error) {
  if (error.timer) {
    console.error(`build-snapshot: ${error.message}`);
    process.exit(1);
  }
  console.log(`build-snapshot: no start-up snapshot (${error.message}); bin/integrations runs dist/bundle/bin.js`);
}
