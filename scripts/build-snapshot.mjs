#!/usr/bin/env node
// Builds the CLI's V8 start-up snapshot (issue 7), after `tsc -b`:
//
//   1. dist/snapshot/entry.mjs (generated) imports the 21 built-in plugins, registering each under its
//      package directory, then dist/snapshot-main.js; esbuild bundles it with everything it imports
//      (core, commander, zod, yaml, cosmiconfig, the SDK; not third-party plugins, which are imported
//      at run time) into one CommonJS file, dist/snapshot/bundle.cjs, as `--build-snapshot` requires;
//   2. `node --snapshot-blob dist/snapshot/integrations.blob --build-snapshot bundle.cjs` runs the
//      module top levels once, and the warm-up (snapshot-warm-up.ts), and saves the heap;
//      Before that, dist/snapshot/inputs.json lists what the snapshot is built from (every file
//      bundled, plus the package.json files the warm-up reads) and when (`builtAt`, taken before
//      bundling); the snapshot keeps that list and every run from it checks it first: when a file
//      changed since (any rebuild of dist, a built-in plugin's edit, any change in node_modules), the
//      run goes to the plain entry dist/bin.js instead (snapshot-inputs.ts, snapshot-main.ts);
//   3. dist/snapshot/node is a hard link to the node binary that built it (a snapshot only loads in
//      the exact binary that made it);
//   4. dist/snapshot/fresh.sh is the check that bin/integrations sources before starting node from
//      the snapshot: the node first on PATH is that same file (`-ef`, same inode).
//
// When a step cannot be done (another file system for the hard link, node not first on PATH, …) the
// snapshot is removed and bin/integrations runs the plain ESM entry dist/bin.js: slower, same results.
// Set INTEGRATIONS_NO_SNAPSHOT=1 to skip the build (and, at run time, to skip the snapshot).
//
// Usage: node scripts/build-snapshot.mjs [--cli-dir DIR]   (default packages/cli; the tests build a
// copy of the CLI package elsewhere to prove that a stale snapshot is never used)
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, linkSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const cliDirAt = process.argv.indexOf("--cli-dir");
const CLI = cliDirAt > 0 ? resolve(process.argv[cliDirAt + 1]) : join(ROOT, "packages", "cli");
const OUT = join(CLI, "dist", "snapshot");
const ENTRY = join(OUT, "entry.mjs");
const BUNDLE = join(OUT, "bundle.cjs");
const BLOB = join(OUT, "integrations.blob");
const FRESH = join(OUT, "fresh.sh");
const INPUTS = join(OUT, "inputs.json");
// The guard's own message, to tell its failure from others (importing it outside a build does nothing).
const { TIMER_IN_SNAPSHOT_BUILD } = await import(pathToFileURL(join(CLI, "dist", "snapshot-build-guard.js")).href);

rmSync(OUT, { recursive: true, force: true });
if (process.env.INTEGRATIONS_NO_SNAPSHOT) {
  console.log("build-snapshot: skipped (INTEGRATIONS_NO_SNAPSHOT is set); bin/integrations runs dist/bin.js");
  process.exit(0);
}

try {
  const node = nodeOnPath();
  const builtAt = fileSystemNow();
  const inputs = [...watched(await bundle()), ...warmUpReads()];
  writeFileSync(INPUTS, `${JSON.stringify({ builtAt, files: inputs }, null, 1)}\n`);
  snapshot();
  linkSync(process.execPath, join(OUT, "node"));
  writeFileSync(FRESH, freshCheck(node));
  console.log(`build-snapshot: ${relative(ROOT, BLOB)} for ${node} (${process.version}), ${inputs.length} inputs watched`);
} catch (error) {
  rmSync(OUT, { recursive: true, force: true });
  // A timer made during the build is our bug, not the machine's: it would ship a snapshot whose late
  // timers never fire (snapshot-build-guard.ts), so it fails the build loudly instead of falling back.
  if (error.message.includes(TIMER_IN_SNAPSHOT_BUILD)) {
    console.error(`build-snapshot: ${error.message}`);
    process.exit(1);
  }
  console.log(`build-snapshot: no start-up snapshot (${error.message}); bin/integrations runs dist/bin.js`);
}

/**
 * Now, by the file system's clock (the mtime of a file written now, in ms): file times come from the
 * kernel's coarse clock, which can lag `Date.now()` by a few ms, so a file modified just after the
 * build started could look older than a `Date.now()` taken then. dist/snapshot/inputs.json is that
 * file (rewritten with the list later).
 */
function fileSystemNow() {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(INPUTS, "");
  return statSync(INPUTS).mtimeMs;
}

/** The `node` a shell finds first on PATH, which must be the binary running this script. */
function nodeOnPath() {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir || ".", "node");
    try {
      accessSync(candidate, constants.X_OK);
    } catch {
      continue;
    }
    if (realpathSync(candidate) !== realpathSync(process.execPath)) {
      throw new Error(`the node first on PATH (${candidate}) is not the one building (${process.execPath})`);
    }
    return candidate;
  }
  throw new Error("no node on PATH");
}

/**
 * The bundle's entry: the built-in plugins, each registered under its package directory (real path,
 * as discovery records it), so that running one costs no module loading; then snapshot-main.js.
 */
function writeEntry() {
  mkdirSync(OUT, { recursive: true });
  const { integrationsBuiltins = [] } = JSON.parse(readFileSync(join(CLI, "package.json"), "utf8"));
  // The guard first: it must see every timer any module's top level or the warm-up creates.
  const lines = [`import "../snapshot-build-guard.js";`, `import { registerBundledPlugin } from "../module-import.js";`];
  integrationsBuiltins.forEach((name, i) => {
    const dir = realpathSync(join(CLI, "node_modules", name)); // the CLI depends on each built-in directly
    lines.push(`import * as builtin${i} from ${JSON.stringify(name)};`, `registerBundledPlugin(${JSON.stringify(dir)}, builtin${i});`);
  });
  lines.push(`import "../snapshot-main.js";`, "");
  writeFileSync(ENTRY, lines.join("\n"));
}

/**
 * An esbuild plugin: zod's `z.locales` (its error messages in some 60 languages, ~300 KB of code)
 * becomes an empty namespace in the bundle. The CLI writes its own messages and never switches zod's
 * language; zod's English messages, its default, come from their own module and stay. Every function
 * bundled is an object in the snapshot, read back on every run: this saves ~1.5 ms per run.
 */
function withoutZodTranslations() {
  return {
    name: "without-zod-translations",
    setup(build) {
      build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
        /[\\/]zod[\\/]/.test(args.importer) ? { path: "zod-locales", namespace: "without-zod-translations" } : undefined);
      build.onLoad({ filter: /.*/, namespace: "without-zod-translations" }, () => ({ contents: "export {};", loader: "js" }));
    },
  };
}

/** Bundles the snapshot entry; returns the absolute paths of every input file. */
async function bundle() {
  writeEntry();
  const result = await build({
    entryPoints: [ENTRY],
    outfile: BUNDLE,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // Whitespace and syntax only: identifiers keep their names, so --debug stack traces and CPU
    // profiles stay readable, for a blob ~10% larger.
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    absWorkingDir: ROOT, // the metafile's input paths are relative to it
    logLevel: "error",
    // package-dir.ts is the only module that reads import.meta.url: point it at the real file.
    define: { "import.meta.url": "__integrationsPackageDirUrl" },
    plugins: [withoutZodTranslations()],
    banner: { js: `var __integrationsPackageDirUrl=require("node:url").pathToFileURL(require("node:path").join(__dirname,"..","package-dir.js")).href;` },
  });
  // Left out: the generated entry (written after `builtAt`, from the CLI's package.json, which is
  // watched) and the plugin's empty module (`namespace:path`, no file).
  return Object.keys(result.metafile.inputs)
    .filter((input) => !input.startsWith("without-zod-translations:"))
    .map((input) => join(ROOT, input))
    .filter((input) => input !== ENTRY);
}

/**
 * What to watch of the bundled files: each one, except inside pnpm's virtual store
 * (`node_modules/.pnpm/<name>@<version>/node_modules/<name>/…`), whose packages are hard links into
 * pnpm's content-addressed store, one directory per version: there each package's package.json
 * stands for its files (it is gone when the version is pruned), and pnpm's own records of what is
 * installed (`node_modules/.modules.yaml`, `node_modules/.pnpm/lock.yaml`, rewritten by every
 * install) stand for the choice of versions. About 150 files instead of 460: one stat each per run.
 */
function watched(bundled) {
  const files = [];
  const stores = new Set();
  const storePackages = new Set();
  for (const file of bundled) {
    const match = /^(.*[\\/]node_modules[\\/]\.pnpm)[\\/][^\\/]+[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+/.exec(file);
    if (!match) files.push(file);
    else {
      stores.add(match[1]);
      storePackages.add(join(match[0], "package.json"));
    }
  }
  const records = [...stores].flatMap((store) => [join(store, "lock.yaml"), join(store, "..", ".modules.yaml")]);
  return [...files, ...storePackages, ...records.filter((record) => existsSync(record))];
}

/**
 * The files the snapshot's warm-up reads (snapshot-warm-up.ts describes the built-in plugins): the
 * CLI's package.json, the SDK's and each built-in's. Watched like the bundle's inputs.
 */
function warmUpReads() {
  const { integrationsBuiltins = [] } = JSON.parse(readFileSync(join(CLI, "package.json"), "utf8"));
  const packages = [...integrationsBuiltins, "@integrations/plugin-sdk"].map((name) => realpathSync(join(CLI, "node_modules", name)));
  return [CLI, ...packages].map((dir) => join(dir, "package.json"));
}

function snapshot() {
  const run = spawnSync(process.execPath, ["--snapshot-blob", BLOB, "--build-snapshot", BUNDLE], { cwd: OUT, encoding: "utf8" });
  if (run.status === 0) return;
  const output = run.stderr || run.stdout;
  const guard = output.split("\n").find((line) => line.includes(TIMER_IN_SNAPSHOT_BUILD));
  throw new Error(guard?.replace(/^\w*Error: /, "") ?? `node --build-snapshot failed: ${output.trim().split("\n").slice(0, 3).join(" ")}`);
}

/** The shell code bin/integrations sources: succeeds only when the node first on PATH is the one that built the snapshot. */
function freshCheck(node) {
  const quote = (path) => `'${path.replaceAll("'", `'\\''`)}'`;
  const lines = [
    "# Generated by scripts/build-snapshot.mjs: sourced by bin/integrations. True when the node first on",
    "# PATH is the very file that built the start-up snapshot beside it (the snapshot's inputs are",
    "# checked by the snapshot itself: snapshot-inputs.ts).",
    `snapshot_node=${quote(node)}`,
    `snapshot_blob=${quote(BLOB)}`,
    `[ "$integrations_node" = "$snapshot_node" ] && [ "$snapshot_node" -ef ${quote(join(OUT, "node"))} ]`,
    "",
  ];
  return lines.join("\n");
}
