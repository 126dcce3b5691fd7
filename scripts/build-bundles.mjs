#!/usr/bin/env node
// Bundles the CLI, after `tsc -b`, into what is published and run (packages/cli/dist/bundle/):
//
//   - bin.js and its chunks: the CLI's ES module entry, one file for what every run needs and one
//     chunk per lazily imported command (doctor, plugins, validate, …) and per built-in plugin
//     (registered by package name and version, imported when it runs), so that a cold command's or
//     a plugin's code is read only when it runs. bin/integrations runs it when no start-up snapshot
//     fits, in the checkout as after an install: the whole suite runs what is published.
//   - snapshot.cjs: the same CLI as one CommonJS file, as `node --build-snapshot` requires, with the 21
//     built-in plugins inside (each registered by package name and version, so that running one loads
//     no module). It holds no path of this machine: the user's machine makes its start-up snapshot
//     from it (dist/startup/snapshot-build.js, at install time or with `integrations snapshot build`).
//   - snapshot-commands.cjs: the same for the commands snapshot (`--help`, `--version`, `list`),
//     without what those runs never execute (bundle-commands-only.mjs).
//   - sources.json: every file the bundles were made from, for the checkout's snapshot to watch (a
//     rebuild of dist or an edit of a dependency makes it stale); contents.json, which packages each
//     file of the ES module bundle holds (for the tests of what a run loads); the generated entries
//     (`*-entry.mjs`) of bin.js, snapshot.cjs and snapshot-commands.cjs. None of them is published.
//
// Both bundles keep identifiers (whitespace and syntax minified only), so --debug stack traces stay
// readable. Third-party plugins are never bundled: they are imported at run time.
//
// Usage: node scripts/build-bundles.mjs [--cli-dir DIR] [--if-changed]
//   --cli-dir DIR   the CLI package (default packages/cli)
//   --if-changed    do nothing when the bundles are newer than every source and the CLI's package.json
//                   (the CLI's `prepack`: packing during a test run must not replace the bundles that
//                   the checkout's snapshot and running tests use)
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, transform } from "esbuild";
import { assertCommandsOnly, commandsOnly } from "./bundle-commands-only.mjs";
import { lazyBuiltins } from "./bundle-lazy-builtins.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const cliDirAt = process.argv.indexOf("--cli-dir");
const CLI = cliDirAt > 0 ? resolve(process.argv[cliDirAt + 1]) : join(ROOT, "packages", "cli");
const OUT = join(CLI, "dist", "bundle");
const SNAPSHOT_ENTRY = join(OUT, "snapshot-entry.mjs");
const COMMANDS_ENTRY = join(OUT, "snapshot-commands-entry.mjs");
const BIN_ENTRY = join(OUT, "bin-entry.mjs");
const BUILTINS_ENTRY = join(OUT, "builtins-entry.mjs");
const GENERATED = [SNAPSHOT_ENTRY, COMMANDS_ENTRY, BIN_ENTRY, BUILTINS_ENTRY];

// package-dir.ts is the only module that reads import.meta.url: in both bundles it is pointed at where
// dist/runtime/package-dir.js sits (dist/bundle/ → dist/runtime/ → dist/ → the package).
const packageDirUrl = "__integrationsPackageDirUrl";
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  absWorkingDir: ROOT, // the metafile's input paths are relative to it
  logLevel: "error",
  define: { "import.meta.url": packageDirUrl },
  plugins: [withoutZodTranslations()],
};

if (process.argv.includes("--if-changed") && upToDate()) {
  console.error(`build-bundles: ${OUT} is up to date`); // stderr: `pnpm pack --json` passes prepack's stdout through
  process.exit(0);
}
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
writeBinEntry();
const esm = await build({
  ...common,
  entryPoints: [{ in: BIN_ENTRY, out: "bin" }],
  outdir: OUT,
  format: "esm",
  splitting: true,
  chunkNames: "[name]-[hash]", // beside bin.js: the banner's relative URL holds for every file
  plugins: [...common.plugins, lazyBuiltins(["assert", "child_process", "crypto", "fs/promises", "process", "v8"])],
  banner: {
    js: [
      // Bundled CommonJS dependencies (cosmiconfig, semver, …) call require() for Node's modules.
      `import { createRequire as __integrationsCreateRequire } from "node:module";`,
      `const require = __integrationsCreateRequire(import.meta.url);`,
      `const ${packageDirUrl} = new URL("../runtime/package-dir.js", import.meta.url).href;`,
    ].join("\n"),
  },
});
const loader = await writeCommonJsTwins(esm);
writeSnapshotEntry();
const snapshotBundle = (entry, outfile, plugins = []) =>
  build({
    ...common,
    entryPoints: [entry],
    outfile: join(OUT, outfile),
    format: "cjs",
    plugins: [...common.plugins, lazyBuiltins(["child_process", "crypto", "fs/promises"]), ...plugins],
    banner: { js: `var ${packageDirUrl}=require("node:url").pathToFileURL(require("node:path").join(__dirname,"..","runtime","package-dir.js")).href;` },
  });
const cjs = await snapshotBundle(SNAPSHOT_ENTRY, "snapshot.cjs");
const commands = await snapshotBundle(COMMANDS_ENTRY, "snapshot-commands.cjs", [commandsOnly()]);
assertCommandsOnly(commands);
const sources = watched([...new Set([...inputsOf(esm), ...inputsOf(cjs), ...inputsOf(loader)])].filter((file) => !GENERATED.includes(file)));
writeFileSync(join(OUT, "sources.json"), `${JSON.stringify(sources, null, 1)}\n`);
writeFileSync(join(OUT, "contents.json"), `${JSON.stringify(contents(esm), null, 1)}\n`);
console.error(`build-bundles: ${OUT} (bin.js and its chunks, snapshot.cjs, snapshot-commands.cjs; ${sources.length} sources)`);

/** Whether the bundles exist and are newer than every file they were made from (sources.json) and the CLI's package.json. */
function upToDate() {
  const built = (file) => (existsSync(file) ? statSync(file).mtimeMs : -Infinity);
  const oldest = Math.min(...["bin.js", "snapshot.cjs", "snapshot-commands.cjs"].map((file) => built(join(OUT, file))));
  const list = join(OUT, "sources.json");
  if (!existsSync(list)) return false;
  const sources = [...JSON.parse(readFileSync(list, "utf8")), join(CLI, "package.json")];
  return sources.every((file) => existsSync(file) && statSync(file).mtimeMs < oldest);
}

/**
 * The plain entry's CommonJS side (src/plain-entry.ts): dist/bundle/plain.cjs, the loader, and beside
 * each file of the ES module bundle its CommonJS twin (`bin.cjs`, `chunk-….cjs`), which the loader
 * compiles with a code cache. A twin requires its static imports (`./chunk-….cjs`) and reaches its
 * dynamic ones through `__integrationsChunk`; its other `import()`s (plugins, JavaScript configs) go
 * through `__integrationsImport`, the loader's. Returns the loader's build (its inputs are sources too).
 */
async function writeCommonJsTwins(result) {
  const files = Object.keys(result.metafile.outputs).map((output) => output.split("/").pop());
  const twin = (file) => file.replace(/\.js$/, ".cjs");
  const esmBanner = /^(#!.*\n)?import \{ createRequire as __integrationsCreateRequire \} from "node:module";\nconst require = .*\nconst __integrationsPackageDirUrl = .*\n/;
  for (const file of files) {
    let code = readFileSync(join(OUT, file), "utf8");
    if (!esmBanner.test(code)) throw new Error(`build-bundles: ${file} does not start with the banner`);
    code = code.replace(esmBanner, "");
    const siblings = files.map((other) => [JSON.stringify(`./${other}`), JSON.stringify(`./${twin(other)}`)]);
    for (const [esmName, cjsName] of siblings) code = code.replaceAll(`import(${esmName})`, `__integrationsChunk(${cjsName})`);
    const cjs = await transform(code, {
      format: "cjs",
      platform: "node",
      target: "node20",
      minifyWhitespace: true,
      minifySyntax: true,
      logLevel: "error",
      banner: `var ${packageDirUrl}=require("node:url").pathToFileURL(require("node:path").join(__dirname,"..","runtime","package-dir.js")).href;`,
    });
    for (const [esmName, cjsName] of siblings) cjs.code = cjs.code.replaceAll(`require(${esmName})`, `require(${cjsName})`);
    // Node 20 runs no import() of code compiled with a code cache ("A dynamic import callback was not
    // specified"): the loader's own import() does it (a plugin, a JavaScript config).
    cjs.code = cjs.code.replace(/(?<![\w$.])import\((?=[\w$])/g, "__integrationsImport(");
    if (/\bimport\.meta\b|(?<![\w$.])import\(|\brequire\("\.\/[^"]*\.js"\)/.test(cjs.code)) throw new Error(`build-bundles: ${twin(file)} still reads import.meta or calls import()`);
    writeFileSync(join(OUT, twin(file)), cjs.code);
  }
  return build({
    ...common,
    plugins: [],
    entryPoints: [join(CLI, "dist", "plain-entry.js")],
    outfile: join(OUT, "plain.cjs"),
    format: "cjs",
    define: {},
  });
}

/** The built-in plugins (the CLI's `integrationsBuiltins`), each with the version installed beside the CLI. */
function builtins() {
  const { integrationsBuiltins = [] } = JSON.parse(readFileSync(join(CLI, "package.json"), "utf8"));
  return integrationsBuiltins.map((name) => ({ name, version: JSON.parse(readFileSync(join(CLI, "node_modules", name, "package.json"), "utf8")).version }));
}

/**
 * The snapshot bundle's entry: the guard first (it must see every timer made while the snapshot is
 * built), the built-in plugins loaded and registered by package name and version, then snapshot-main.js.
 * The commands snapshot's entry: the guard, the built-ins' names and versions registered without
 * their code (`list` reads their manifests only, and shows a built-in whose code the CLI carries as
 * `ok`), and snapshot-main.js.
 */
function writeSnapshotEntry() {
  const lines = [`import "../startup/snapshot-build-guard.js";`, `import { registerBundledPlugin } from "../runtime/module-import.js";`];
  const names = [...lines];
  builtins().forEach(({ name, version }, i) => {
    lines.push(`import * as builtin${i} from ${JSON.stringify(name)};`, `registerBundledPlugin(${JSON.stringify(name)}, ${JSON.stringify(version)}, () => builtin${i});`);
    names.push(`registerBundledPlugin(${JSON.stringify(name)}, ${JSON.stringify(version)}, () => { throw new Error("built-in plugins are not in the commands snapshot"); });`);
  });
  lines.push(`import "../snapshot-main.js";`, "");
  writeFileSync(SNAPSHOT_ENTRY, lines.join("\n"));
  writeFileSync(COMMANDS_ENTRY, [...names, `import "../snapshot-main.js";`, ""].join("\n"));
}

/**
 * The ES module bundle's entry (bin.js): the built-in plugins registered by package name and version,
 * each imported on first use (esbuild makes each a lazy chunk), then bin.js. The registrations are a
 * module of their own, imported first, so that they are done before bin.js's top level starts the run.
 */
function writeBinEntry() {
  const lines = [`import { registerBundledPlugin } from "../runtime/module-import.js";`];
  for (const { name, version } of builtins()) lines.push(`registerBundledPlugin(${JSON.stringify(name)}, ${JSON.stringify(version)}, () => import(${JSON.stringify(name)}));`);
  writeFileSync(BUILTINS_ENTRY, `${lines.join("\n")}\n`);
  writeFileSync(BIN_ENTRY, `#!/usr/bin/env node\nimport "./builtins-entry.mjs";\nimport "../bin.js";\n`);
}

/**
 * An esbuild plugin: zod's `z.locales` (its error messages in some 60 languages, ~300 KB of code)
 * becomes an empty namespace. The CLI writes its own messages and never switches zod's language;
 * zod's English messages, its default, come from their own module and stay. Every function bundled
 * is an object in the snapshot, read back on every run.
 */
function withoutZodTranslations() {
  return {
    name: "without-zod-translations",
    setup(build) {
      build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => (/[\\/]zod[\\/]/.test(args.importer) ? { path: "zod-locales", namespace: "without-zod-translations" } : undefined));
      build.onLoad({ filter: /.*/, namespace: "without-zod-translations" }, () => ({ contents: "export {};", loader: "js" }));
    },
  };
}

/**
 * For each output file of the ES module bundle and its CommonJS twin (by file name), the packages it
 * holds: from node_modules, and the workspace's other than the CLI (core, the SDK, the built-ins).
 */
function contents(result) {
  const packageOf = (input) => {
    const installed = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input)?.[1];
    const workspace = /^packages\/[^/]+/.exec(input)?.[0];
    if (installed || !workspace || join(ROOT, workspace) === CLI) return installed;
    return JSON.parse(readFileSync(join(ROOT, workspace, "package.json"), "utf8")).name;
  };
  const byFile = {};
  for (const [output, { inputs }] of Object.entries(result.metafile.outputs)) {
    const names = Object.keys(inputs).map(packageOf).filter(Boolean);
    const file = output.split("/").pop();
    byFile[file] = [...new Set(names)].sort();
    byFile[file.replace(/\.js$/, ".cjs")] = byFile[file]; // its CommonJS twin (writeCommonJsTwins)
  }
  return byFile;
}

/** The absolute paths of a build's input files (not the plugins' modules, `namespace:path`, which are no files). */
function inputsOf(result) {
  return Object.keys(result.metafile.inputs)
    .filter((input) => !/^(without-zod-translations|lazy-builtin):/.test(input))
    .map((input) => join(ROOT, input));
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
