import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Integration, IntegrationPlugin } from "@integrations/core";
import { defaultLoadersSync } from "cosmiconfig";
import satisfies from "semver/functions/satisfies.js";
import { mergeSources } from "../discovery/discover.js";
import { pluginEntry } from "../discovery/package.js";
import { builtinPlugins, projectPlugins } from "../discovery/sources.js";
import { CLI_PACKAGE_DIR } from "../runtime/package-dir.js";
import { declareProgram } from "./program.js";
import { loadCliConfig } from "../cli-config/settings.js";
import { startRun } from "../run/run.js";
import { moduleImport } from "../runtime/module-import.js";
import type { Runtime } from "../runtime/runtime.js";
import type { SnapshotVariant } from "../startup/snapshot-variant.js";

/** A plugin shaped like the built-ins (two secret flags, both auth lists, limits and timeouts). */
const SAMPLE: IntegrationPlugin = {
  apiVersion: 1,
  name: "warm-up",
  description: "the snapshot's warm-up sample",
  flags: {
    token: { type: "secret", required: true, description: "token reference" },
    signingSecret: { type: "secret", required: true, description: "signing secret reference" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: "https://api.example.com",
    in_rate_limit: 50,
    out_rate_limit: 50,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    incoming_auth: [{ type: "slack_signature", params: { secrets: [flags.signingSecret] } }],
    outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: [flags.token] } }],
  }),
};

/** The whole command lines the commands snapshot runs; bin/integrations picks it for exactly these. */
export const COMMANDS_RUNS: readonly (readonly string[])[] = [["--help"], ["-h"], ["-help"], ["--version"], ["-V"], ["-v"], ["list"], ["list", "--json"]];

/** Whether `argv` (the arguments after the command's name) is one of `COMMANDS_RUNS`. */
export function isCommandsRun(argv: readonly string[]): boolean {
  return COMMANDS_RUNS.some((run) => run.length === argv.length && run.every((arg, i) => arg === argv[i]));
}

/** The runtime of the build: no environment, no output, no import (the warm-up formats help without printing it). */
function buildRuntime(): Runtime {
  return {
    ...moduleImport(() => Promise.reject(new Error("nothing is imported while the start-up snapshot is built"))),
    packageDir: CLI_PACKAGE_DIR,
    startup: "snapshot",
    env: {},
    writeOut: () => true,
    writeErr: () => true,
  };
}

/**
 * Runs, while the start-up snapshot is built, what most runs do, so that V8 has compiled those
 * functions and a run does not compile them again: discovery, entry resolution and the CLI-config
 * search on the CLI's own package and its built-ins; global flags taken; a semver range checked;
 * cosmiconfig's JSON loader used; the CLI's commander program declared and its help formatted. For
 * the `integrations` variant also the integration command's modules, and a plugin's shape checked,
 * its flags parsed, a block built, validated, rendered, parsed back and validated as a file, then
 * added (dry runs) to a new and to an existing file in a temporary directory. It also describes the
 * built-in plugins (`builtinPlugins`, memoised), so that a run reads none of their files.
 *
 * The files it reads are the CLI's, the SDK's and the built-ins' (which scripts/build-snapshot.mjs
 * adds to the inputs the launcher watches) and the CLI's node_modules listing; it writes only in its
 * temporary directory, and removes it. It reads no environment but the temporary directory's
 * location, touches no terminal, creates no timer (snapshot-build-guard.ts fails the build if
 * anything does), and leaves no state behind but compiled code, the schemas' own memoised objects and
 * those descriptions. Never throws: a failure only costs the warm-up.
 */
export function warmUp(variant: SnapshotVariant): void {
  const quiet = () => undefined;
  const runtime = buildRuntime();
  builtinPlugins().catch(quiet);
  // Discovery's path for installed packages (find, read, describe, merge), on the CLI's own package,
  // whose dependencies are the built-ins: it reads only files the launcher watches.
  projectPlugins(CLI_PACKAGE_DIR, quiet).then((records) => mergeSources([[], [], records, [], [], []]), quiet);
  loadCliConfig(CLI_PACKAGE_DIR, { importModule: runtime.importModule, warn: quiet }).catch(quiet); // the CLI-config search (cosmiconfig)
  builtinPlugins().then((records) => records.forEach(pluginEntry), quiet);
  try {
    const { run } = startRun(["--file", "config.yaml", "--plugin", "./plugin", "--quiet", SAMPLE.name], CLI_PACKAGE_DIR, runtime);
    declareProgram(run).program.helpInformation();
    satisfies("1.0.0", "^1.0.0", { includePrerelease: true });
    // cosmiconfig loads its JSON parser (parse-json and its dependencies) on first use: every run
    // in a project reads a package.json through it.
    defaultLoadersSync[".json"]("warm-up.json", "{}");
  } catch {
    // Only speed is lost.
  }
  if (variant === "integrations") void warmUpIntegrations();
}

/** The integration commands' part of the warm-up (the `integrations` variant). */
async function warmUpIntegrations(): Promise<void> {
  try {
    await import("./integration/command.js");
    // A real add writes through crypto (temporary file names, lock owners); the snapshot bundle loads
    // it on first use (scripts/bundle-lazy-builtins.mjs), so the `commands` variant holds none of it.
    process.getBuiltinModule("node:crypto");
    const { buildBlock, checkPluginShape, newConfigText, parseConfig, parseIntegrationArgv, validateConfig } = await import("@integrations/core");
    checkPluginShape(SAMPLE);
    const values = parseIntegrationArgv(["-token", "env:WARM_TOKEN", "--signing-secret=env:WARM_SIGNING"], SAMPLE.flags, { integration: SAMPLE.name });
    const block = buildBlock(SAMPLE, values);
    validateConfig(parseConfig(newConfigText(block)).data);
    await editTempConfig(block);
  } catch {
    // Only speed is lost.
  }
}

/**
 * The file side of an add, twice (to a new file, then to an existing one: read, edit, proof), in a
 * temporary directory of its own that it removes. Dry runs: a real add takes the file lock, whose
 * refresh timer must not exist during the build (snapshot-build-guard.ts). The snapshot's build waits
 * for it: Node runs the event loop to its end before taking the snapshot.
 */
async function editTempConfig(block: Integration): Promise<void> {
  const { addIntegration, newConfigText } = await import("@integrations/core");
  const dir = mkdtempSync(join(tmpdir(), "integrations-warm-up-"));
  const file = join(dir, "config.yaml");
  try {
    await addIntegration(file, block, { dryRun: true });
    writeFileSync(file, newConfigText(block));
    await addIntegration(file, { ...block, name: `${block.name}-2` }, { dryRun: true });
  } catch {
    // Only speed is lost.
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
