// The entry of the V8 start-up snapshot (scripts/build-bundles.mjs bundles this file with everything
// it imports; snapshot-build.ts runs `node --build-snapshot` on that bundle on the user's machine;
// bin/integrations starts node from the snapshot when it was built by that very node binary). At build time only module top levels run, so
// nothing here may read the environment, the working directory or the terminal before the main
// function: those belong to the run, not to the build. The one file read at build time is the list of
// the snapshot's inputs, which every run checks first: when one changed since the build, the run goes
// to the plain entry dist/bundle/bin.js, in this same process, and no other code of the snapshot runs.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startupSnapshot } from "node:v8";
import { endQuietlyOnClosedPipe } from "./runtime/closed-pipe.js";
import { finishRun } from "./runtime/exit.js";
import { exitOnStopSignals } from "./runtime/signals.js";
import { main } from "./commands/main.js";
import { jsonRequested } from "./run/run.js";
import { makeRuntime, type Runtime } from "./runtime/runtime.js";
import { changedInput, readSnapshotInputs } from "./startup/snapshot-inputs.js";
import { keepStdoutForTheCli } from "./output/stdout.js";
// The hot paths' lazily imported modules, initialised at build time so that a run finds them ready
// (each is free of run-time state at its top level). Cold paths (prompts, plugin management, doctor)
// stay lazy: their top levels run when used. The integration commands' modules (core, with zod and
// yaml) are initialised by the warm-up, in the snapshot for integration runs only.
import "cosmiconfig";
import "semver/functions/satisfies.js";
import "./commands/program.js";
import { isCommandsRun, warmUp } from "./commands/snapshot-warm-up.js";

// snapshot-build.ts names the directory being built and the snapshot's variant (the variables read at build time).
const variant = process.env.INTEGRATIONS_SNAPSHOT_VARIANT === "commands" ? "commands" : "integrations";
warmUp(variant);
const inputs = readSnapshotInputs(process.env.INTEGRATIONS_SNAPSHOT_DIR ?? ".");

startupSnapshot.setDeserializeMainFunction(() => {
  const importer = snapshotImporter();
  // bin/integrations runs `node --snapshot-blob … -- <args>`: process.argv is [node, ...args].
  const argv = process.argv.slice(1);
  // The commands snapshot lacks what other command lines need (a blob started by hand, say).
  if (changedInput(inputs) !== undefined || (variant === "commands" && !isCommandsRun(argv))) return runPlainEntry(makeRuntime({ importer }));
  endQuietlyOnClosedPipe();
  const runtime = makeRuntime({ importer, startup: "snapshot", writeOut: keepStdoutForTheCli() });
  exitOnStopSignals(jsonRequested(argv), runtime.writeOut);
  finishRun(main(argv, process.cwd(), runtime), jsonRequested(argv), runtime);
});

/** Runs the plain entry from its files on disk, as `node dist/bundle/bin.js <args>` would (the snapshot is stale). */
async function runPlainEntry(runtime: Runtime): Promise<void> {
  const bin = join(runtime.packageDir, "dist", "bundle", "bin.js");
  process.argv.splice(1, 0, bin);
  await runtime.importModule(pathToFileURL(bin).href);
}

/**
 * `import()` for code compiled after the snapshot was taken: a one-line script compiled now, whose
 * dynamic imports go to Node's default ESM loader (`vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER`,
 * Node ≥ 20.12). Node warns once that this option is experimental, synchronously inside `import()`:
 * that warning is not the user's concern (and `--disable-warning` cannot reach it, warning settings
 * come from the snapshot's build), so `process.emitWarning` is muted for that synchronous step only;
 * the plugin's own code runs later, with warnings on.
 */
function snapshotImporter(): (specifier: string) => Promise<unknown> {
  let dynamicImport: ((specifier: string) => Promise<unknown>) | undefined;
  return (specifier) => {
    dynamicImport ??= compileImporter(); // only runs that import something (a plugin, a JS config) compile it
    const emitWarning = process.emitWarning;
    process.emitWarning = () => undefined;
    try {
      return dynamicImport(specifier);
    } finally {
      process.emitWarning = emitWarning;
    }
  };
}

function compileImporter(): (specifier: string) => Promise<unknown> {
  const vm = process.getBuiltinModule("node:vm");
  const script = new vm.Script("(specifier) => import(specifier)", {
    filename: "integrations-snapshot-import.js",
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  return script.runInThisContext() as (specifier: string) => Promise<unknown>;
}
