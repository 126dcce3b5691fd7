// Makes the CLI's V8 start-up snapshot on this machine, for this node binary, from the bundle the
// package ships (dist/bundle/snapshot.cjs, made by scripts/build-bundles.mjs). Run at install time
// (install/snapshot.mjs), by `integrations snapshot build`, and in the checkout by
// scripts/build-snapshot.mjs. The result is one directory (`SnapshotPlace`):
//
//   integrations.blob  the heap, from `node --snapshot-blob … --build-snapshot dist/bundle/snapshot.cjs`
//   commands.blob      from dist/bundle/snapshot-commands.cjs, without the core's schemas, yaml, the
//                      built-ins and the cold commands, for `--help`, `--version`, `list` and
//                      `list --json` (COMMANDS_RUNS: bin/integrations picks it for exactly those), which
//                      then read a smaller heap
//   inputs.json        what it was made from and when: every run from it checks these files first
//                      and goes to the plain entry when one changed (snapshot-inputs.ts)
//   node               the node binary that made it: a hard link, or a symbolic link where a hard
//                      link is refused (another file system; a binary this user does not own, under
//                      fs.protected_hardlinks). A snapshot loads only in the exact binary that built
//                      it, and bin/integrations uses it only when the node first on PATH is this file
//                      (`[ "$node" -ef …/node ]`) and still has the modification time in node.mtime
//   node.mtime         an empty file with the node binary's modification time: a binary replaced or
//                      rewritten at the same path (an upgrade) no longer matches it
//
// It goes in the package (dist/snapshot/) when that is writable, else in the user's cache
// (`$XDG_CACHE_HOME/integrations/snapshot/<the package's real path>`), where bin/integrations looks
// second. It is made in a temporary directory beside its place and renamed into it, so a run never
// sees half of one.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, linkSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { IntegrationsError } from "@integrations/core/base";
import { cliManifest, CLI_PACKAGE_DIR } from "../runtime/package-dir.js";
import { installedPackageDir } from "../discovery/package-root.js";
import { TIMER_IN_SNAPSHOT_BUILD } from "./snapshot-build-guard.js";
import { NODE_TIME_MARKER, type SnapshotInputs } from "./snapshot-inputs.js";
import type { SnapshotVariant } from "./snapshot-variant.js";
import { userCacheDir } from "../runtime/user-cache.js";

/** The bundles the snapshot's two blobs are made from, shipped in the package. */
export const SNAPSHOT_BUNDLE = join(CLI_PACKAGE_DIR, "dist", "bundle", "snapshot.cjs");
const COMMANDS_BUNDLE = join(CLI_PACKAGE_DIR, "dist", "bundle", "snapshot-commands.cjs");

/** Where a snapshot of this CLI package can live, in the order bin/integrations looks. */
export function snapshotPlaces(env: NodeJS.ProcessEnv = process.env): { package: string; cache: string | undefined } {
  const cache = userCacheDir(env);
  return {
    package: join(CLI_PACKAGE_DIR, "dist", "snapshot"),
    cache: cache === undefined ? undefined : join(cache, "snapshot", realpathSync(CLI_PACKAGE_DIR)),
  };
}

/** A snapshot could not be made: `message` says why, in one line. `timer` marks the build-guard's failure (our bug, never the machine's). */
export class SnapshotBuildError extends IntegrationsError {
  override name = "SnapshotBuildError";
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly timer = false,
  ) {
    super(message);
  }
}

/** What `buildSnapshot` made: its directory, the node binary it is for, how many files it watches, and how long it took (ms). */
export interface BuiltSnapshot {
  dir: string;
  node: string;
  nodeVersion: string;
  watched: number;
  ms: number;
}

/**
 * Makes the snapshot in `dir` (default: the package's place when writable, else the user cache's).
 *
 * @throws SnapshotBuildError when the bundle is missing, the place cannot be written, node's build
 * fails, or the node binary can be neither hard- nor symbolically linked; nothing is left behind then.
 */
export function buildSnapshot(dir: string = writablePlace()): BuiltSnapshot {
  const started = performance.now();
  const missing = [SNAPSHOT_BUNDLE, COMMANDS_BUNDLE].find((bundle) => !existsSync(bundle));
  if (missing !== undefined) throw new SnapshotBuildError(`${missing} is missing (a checkout builds it with pnpm build)`);
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging, { recursive: true });
    const inputs = { builtAt: fileSystemNow(staging), files: bundleSources(), installedFiles: installedInputs() } satisfies SnapshotInputs;
    writeFileSync(join(staging, "inputs.json"), `${JSON.stringify(inputs, null, 1)}\n`);
    runBuild(staging);
    linkNode(staging);
    markNodeTime(staging);
    replace(dir, staging);
    return { dir, node: process.execPath, nodeVersion: process.version, watched: inputs.files.length + inputs.installedFiles.length, ms: Math.round(performance.now() - started) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The package's place when this user can write there, else the user cache's. */
function writablePlace(): string {
  const places = snapshotPlaces();
  const dist = dirname(places.package);
  try {
    accessSync(dist, constants.W_OK);
    return places.package;
  } catch {
    if (places.cache === undefined) throw new SnapshotBuildError(`${dist} is not writable and there is no HOME or XDG_CACHE_HOME for a user cache`);
    return places.cache;
  }
}

/**
 * Now, by the file system's clock (the mtime of a file written now, in ms): file times come from the
 * kernel's coarse clock, which can lag `Date.now()`, so a file modified just after the build started
 * could look older than a `Date.now()` taken then.
 */
function fileSystemNow(dir: string): number {
  const probe = join(dir, "inputs.json");
  writeFileSync(probe, "");
  return statSync(probe).mtimeMs;
}

/**
 * In a checkout, the files the bundle was made from (scripts/build-bundles.mjs lists them; not
 * published). @throws SnapshotBuildError when one is newer than the bundle: a snapshot of that bundle
 * would run old code.
 */
function bundleSources(): string[] {
  const list = join(CLI_PACKAGE_DIR, "dist", "bundle", "sources.json");
  if (!existsSync(list)) return [];
  const sources = JSON.parse(readFileSync(list, "utf8")) as string[];
  const bundled = statSync(SNAPSHOT_BUNDLE).mtimeMs;
  const newer = sources.find((file) => (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) > bundled);
  if (newer !== undefined) throw new SnapshotBuildError(`the bundle is older than ${newer}; rebuild it with pnpm build`);
  return sources;
}

/**
 * The installed files the snapshot depends on: the bundle, and the package.json of the CLI, the SDK
 * and each built-in (the warm-up describes them from those files, as found from the CLI package now).
 */
function installedInputs(): string[] {
  const packages = [...(cliManifest().integrationsBuiltins ?? []), "@integrations/plugin-sdk"].map((name) => {
    const dir = installedPackageDir(name, CLI_PACKAGE_DIR);
    if (dir === undefined) throw new SnapshotBuildError(`${name} is not installed beside the CLI (${CLI_PACKAGE_DIR}); reinstall @integrations/cli`);
    return dir;
  });
  return [SNAPSHOT_BUNDLE, COMMANDS_BUNDLE, ...[CLI_PACKAGE_DIR, ...packages].map((dir) => join(dir, "package.json"))];
}

function runBuild(staging: string): void {
  runBuildOf(staging, "commands.blob", "commands", COMMANDS_BUNDLE);
  runBuildOf(staging, "integrations.blob", "integrations", SNAPSHOT_BUNDLE);
}

function runBuildOf(staging: string, blob: string, variant: SnapshotVariant, bundle: string): void {
  // Without NODE_OPTIONS: bin/integrations never starts the snapshot while it is set.
  const { NODE_OPTIONS: _, ...env } = process.env;
  const run = spawnSync(process.execPath, ["--snapshot-blob", join(staging, blob), "--build-snapshot", bundle], {
    cwd: staging,
    encoding: "utf8",
    env: { ...env, INTEGRATIONS_SNAPSHOT_DIR: staging, INTEGRATIONS_SNAPSHOT_VARIANT: variant },
  });
  if (run.status === 0) return;
  const output = `${run.stderr}${run.stdout}`;
  const guard = output.split("\n").find((line) => line.includes(TIMER_IN_SNAPSHOT_BUILD));
  if (guard) throw new SnapshotBuildError(guard.replace(/^\w*Error: /, ""), true);
  const firstLines = output.trim().split("\n").slice(0, 3).join(" ") || run.error?.message || `exit ${run.status}`;
  throw new SnapshotBuildError(`node --build-snapshot failed: ${firstLines}`);
}

function linkNode(staging: string): void {
  const link = join(staging, "node");
  try {
    linkSync(process.execPath, link);
    return;
  } catch {
    // EXDEV or EPERM: a symbolic link instead; node.mtime tells an upgraded binary apart.
  }
  try {
    symlinkSync(realpathSync(process.execPath), link);
  } catch (error) {
    throw new SnapshotBuildError(`cannot link the node binary ${process.execPath} beside the snapshot (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Gives `node.mtime` the node binary's modification time to the nanosecond (`touch -r`; `utimes` rounds). */
function markNodeTime(staging: string): void {
  const marker = join(staging, NODE_TIME_MARKER);
  writeFileSync(marker, "");
  const touched = spawnSync("touch", ["-r", process.execPath, marker], { stdio: "ignore" });
  if (touched.status !== 0) {
    const { atime, mtime } = statSync(process.execPath);
    utimesSync(marker, atime, mtime);
  }
}

/** Puts `staging` at `dir`, replacing what was there: two renames, so a run finds either one whole. */
function replace(dir: string, staging: string): void {
  const old = `${dir}.old-${process.pid}`;
  mkdirSync(dirname(dir), { recursive: true });
  try {
    renameSync(dir, old);
  } catch {
    // none there yet
  }
  renameSync(staging, dir);
  rmSync(old, { recursive: true, force: true });
}
