import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { PluginError, toKebabCase, UsageError } from "@integrations/core/base";
import { loadDeclarations, type PluginLoading } from "../../discovery/load.js";
import { PluginLoadError } from "../../discovery/load-error.js";
import type { PluginRecord, PluginRunMode } from "../../discovery/record.js";
import { RUNS_WORD, runMode } from "../list.js";
import type { Output } from "../../output/output.js";
import type { Settle } from "../../run/action.js";
import type { Run } from "../../run/run.js";
import { examples } from "../../output/help-examples.js";
import { describeProvenance, type Provenance } from "./provenance-lines.js";

/** Prints the result: JSON with `--json`, else `text`; a success message (`quiet`) is left out with `--quiet`. */
function print(output: Output, json: boolean, value: unknown, text: string, quiet = true): void {
  if (!json && quiet && output.quiet) return;
  output.writeOut(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

const summary = (records: PluginRecord[]) => records.map((r) => ({ integration: r.integration, package: r.packageName, version: r.version ?? null, source: r.source, path: r.dir }));

/**
 * What `plugins install` and `plugins link` print: each integration with how it will run, under the
 * trust policy as it is once they are done (trust.json read again: `--trust` has just written it).
 */
async function withRuns(records: PluginRecord[], run: Run, line: (r: PluginRecord) => string): Promise<{ rows: unknown[]; lines: string[] }> {
  const [{ trustPolicy }, { runsNote }] = await Promise.all([import("../../discovery/trust.js"), import("./trust-file.js")]);
  const policy = trustPolicy(await run.cliConfig());
  const notes = records.map((r) => runsNote(r, policy));
  return {
    rows: summary(records).map((row, i) => ({ ...row, runs: notes[i]!.runs, howToTrust: notes[i]!.howToTrust })),
    lines: records.map((r, i) => `${line(r)} (${notes[i]!.text})`),
  };
}

const TRUST_HELP = "trust it to run in process, with your permissions (recorded in the user plugin directory's trust.json); without it, it runs sandboxed";

/** Registers `integrations plugins install|uninstall|update|link|new|inspect` (docs/design.md "Plugin management"), each with `--json`. */
export function registerPluginCommands(program: Command, run: Run, settle: Settle): void {
  const { output } = run;
  const plugins = program
    .command("plugins")
    .description("install, update, link and inspect integration plugins (the user plugin directory)")
    .addHelpText("after", examples("integrations plugins install @acme/demo", "integrations plugins inspect demo", "integrations plugins install --help"));
  plugins
    .command("install <spec...>")
    .description("install plugins from a registry (shorthand demo → integrations-plugin-demo), a tarball, a git URL or a local path")
    .option("--registry <url>", "the registry to install from (a scoped package follows its scope's registry when one is set, as in npm); remembered for update and uninstall")
    .option("--trust", TRUST_HELP)
    .option("--verify-signatures", "refuse packages without valid registry signatures (npm audit signatures); the CLI config's verifySignatures: true does it always")
    .option("--json", "print the result as JSON")
    .action(
      settle(async (specs: string[], options: { registry?: string; trust?: boolean; verifySignatures?: boolean; json?: boolean }) => {
        if (run.pluginsOff) throw new UsageError("plugins install imports the plugin to check it, which --no-plugins (or INTEGRATIONS_NO_PLUGINS) forbids; run it without");
        const { installPlugins } = await import("./install.js");
        const records = await installPlugins(specs, {
          run,
          trust: options.trust ?? false,
          ...(options.registry ? { registry: options.registry } : {}),
          ...(options.verifySignatures ? { verifySignatures: true } : {}),
        });
        const { rows, lines } = await withRuns(records, run, (r) => `installed ${r.packageName}@${r.version ?? "?"}: integrations ${r.integration}`);
        print(output, options.json ?? false, rows, lines.join("\n") || "nothing to install");
        return 0;
      }),
    )
    .addHelpText(
      "after",
      examples(
        "integrations plugins install demo",
        "integrations plugins install @acme/demo@^1.2",
        "integrations plugins install ./my-plugin-1.0.0.tgz",
        "integrations plugins install --trust @acme/demo",
      ),
    );
  plugins
    .command("uninstall <name>")
    .description("remove an installed plugin (or forget a linked one), named by integration, package or shorthand; it is no longer trusted")
    .option("--json", "print the result as JSON")
    .action(
      settle(async (name: string, options: { json?: boolean }) => {
        const { uninstallPlugin } = await import("./manage.js");
        const { packageName, linkedDir } = await uninstallPlugin(name, run);
        if (linkedDir) print(output, options.json ?? false, { status: "unlinked", package: packageName, path: linkedDir }, `unlinked ${packageName}: ${linkedDir} was not touched`);
        else print(output, options.json ?? false, { status: "uninstalled", package: packageName }, `uninstalled ${packageName}`);
        return 0;
      }),
    )
    .addHelpText("after", examples("integrations plugins uninstall @acme/demo", "integrations plugins uninstall demo"));
  plugins
    .command("update [name]")
    .description("update one installed plugin (by integration, package or shorthand), or all, within their saved version ranges, from the registries they came from")
    .option("--registry <url>", "the registry to update from instead (for unscoped packages, and scoped ones whose scope has no registry set); remembered")
    .option("--verify-signatures", "refuse packages without valid registry signatures (npm audit signatures); the CLI config's verifySignatures: true does it always")
    .option("--json", "print the result as JSON")
    .action(
      settle(async (name: string | undefined, options: { registry?: string; verifySignatures?: boolean; json?: boolean }) => {
        const { updatePlugins } = await import("./update.js");
        const updates = await updatePlugins(name, { run, ...(options.registry === undefined ? {} : { registry: options.registry }), ...(options.verifySignatures ? { verifySignatures: true } : {}) });
        const rows = updates.flatMap((u) => summary(u.records).map((row) => ({ ...row, from: u.from, to: u.to })));
        print(output, options.json ?? false, rows, updates.map(describeUpdate).join("\n") || "no plugins installed");
        return 0;
      }),
    )
    .addHelpText("after", examples("integrations plugins update", "integrations plugins update demo", "integrations plugins update demo --registry https://npm.acme.example/"));
  plugins
    .command("link <dir>")
    .description("use a built plugin directory in place (a rebuild is seen on the next run)")
    .option("--trust", TRUST_HELP)
    .option("--json", "print the result as JSON")
    .action(
      settle(async (dir: string, options: { trust?: boolean; json?: boolean }) => {
        const { linkPlugin } = await import("./manage.js");
        const records = await linkPlugin(dir, run, options.trust ?? false);
        const { rows, lines } = await withRuns(records, run, (r) => `linked ${r.packageName} (${r.dir}): integrations ${r.integration}`);
        print(output, options.json ?? false, rows, lines.join("\n"));
        return 0;
      }),
    )
    .addHelpText("after", examples("integrations plugins link ./my-plugin", "integrations plugins link --trust ./my-plugin"));
  plugins
    .command("new <name>")
    .description("scaffold a plugin package (manifest, typed flags, a test, README, publishConfig) into a new or empty directory")
    .option("--scope <scope>", "the npm scope: @acme → @acme/integrations-plugin-<name>")
    .option("--dir <path>", "where to write it (default: ./integrations-plugin-<name>)")
    .option("--registry <url>", "the registry to publish to (publishConfig.registry, .npmrc.example)")
    .option("--json", "print the result as JSON")
    .action(
      settle(async (name: string, options: { scope?: string; dir?: string; registry?: string; json?: boolean }) => {
        const { newPlugin, nextSteps } = await import("./new.js");
        const { json, ...rest } = options;
        const result = await newPlugin(name, { cwd: run.cwd, ...rest });
        if (!json) for (const warning of result.warnings) output.warn(warning);
        print(output, json ?? false, { status: "created", ...result }, nextSteps(result, run.cwd));
        return 0;
      }),
    )
    .addHelpText("after", examples("integrations plugins new billing --scope @acme", "integrations plugins new billing --scope @acme --registry https://npm.acme.example/ --dir ./billing-plugin"));
  plugins
    .command("inspect <name>")
    .description("show a plugin's package, version, path, source, SDK range, apiVersion, status and flags")
    .option("--json", "print the result as JSON")
    .action(
      settle(async (name: string, options: { json?: boolean }) => {
        const { answersTo, checkedName } = await import("./names.js");
        checkedName(name);
        const records = await run.discover();
        const matches = records.filter((r) => answersTo(r, name));
        if (matches.length === 0) {
          const off = run.pluginsOff ? "; --no-plugins (or INTEGRATIONS_NO_PLUGINS) shows the built-ins only" : "";
          throw new PluginError(`no installed plugin named ${name}${off}; see integrations list for the plugins found, or install it: integrations plugins install ${name}`);
        }
        const details = await Promise.all(matches.map((record) => inspect(record, run)));
        // A plugin npm installed: its pinned integrity and what its registry publishes about that version.
        if (matches.some((record) => record.installedIn !== undefined)) {
          const [{ npmContext }, { provenanceOf }] = await Promise.all([import("./install.js"), import("./provenance.js")]);
          const context = await npmContext(run);
          for (const [i, record] of matches.entries()) if (record.installedIn !== undefined) details[i]!.origin = await provenanceOf(record, context);
        }
        print(output, options.json ?? false, details, details.map(describe).join("\n\n"), false);
        return 0;
      }),
    )
    .addHelpText("after", examples("integrations plugins inspect slack", "integrations plugins inspect @acme/integrations-plugin-demo --json"));
}

/** One line of `plugins update`: what changed, or that nothing did. */
function describeUpdate(u: { packageName: string; from: string | null; to: string | null; linked: boolean; records: PluginRecord[] }): string {
  const integrations = [...new Set(u.records.map((r) => r.integration))].join(", ");
  if (u.linked) return `${u.packageName} ${u.to ?? "?"}: linked, used in place (nothing to update): integrations ${integrations}`;
  if (u.from === u.to) return `${u.packageName} ${u.to ?? "?"}: already up to date`;
  return `updated ${u.packageName} ${u.from ?? "?"} → ${u.to ?? "?"}: integrations ${integrations}`;
}

interface Inspection {
  integration: string;
  package: string;
  version: string | null;
  path: string;
  source: string;
  /** How its code runs (the trust policy): `in-process`, `sandbox` or `off`. */
  runs: PluginRunMode;
  sdkRange: string | null;
  apiVersion: unknown;
  status: string;
  cause: string | null;
  flags: { flag: string; type: string; required: boolean; description: string }[] | null;
  /** An npm install in the user plugin directory: the lockfile's integrity, the registry's signatures and provenance (provenance.ts). */
  origin?: Provenance;
}

async function inspect(record: PluginRecord, run: PluginLoading): Promise<Inspection> {
  const json = JSON.parse(await readFile(join(record.dir, "package.json"), "utf8").catch(() => "{}")) as {
    peerDependencies?: Record<string, string>;
    integrationsPlugin?: { apiVersion?: unknown };
  };
  let flags: Inspection["flags"] = null;
  let status = record.status;
  let cause = record.cause ?? null;
  if (record.status === "ok" || record.status === "shadowed") {
    try {
      const plugin = await loadDeclarations({ ...record, status: "ok" }, run);
      flags = Object.entries(plugin.flags).map(([key, spec]) => ({ flag: `--${toKebabCase(key)}`, type: spec.type, required: spec.required ?? false, description: spec.description }));
    } catch (error) {
      status = "error";
      cause = error instanceof PluginLoadError ? error.message : String(error);
    }
  }
  return {
    integration: record.integration,
    package: record.packageName,
    version: record.version ?? null,
    path: record.dir,
    source: record.source,
    runs: runMode(record),
    sdkRange: json.peerDependencies?.["@integrations/plugin-sdk"] ?? null,
    apiVersion: json.integrationsPlugin?.apiVersion ?? null,
    status,
    cause,
    flags,
  };
}

function describe(i: Inspection): string {
  const rows: [string, string][] = [
    ["integration", i.integration],
    ["package", `${i.package}${i.version ? `@${i.version}` : ""}`],
    ["path", i.path],
    ["source", i.source],
    ["runs", RUNS_WORD[i.runs]],
    ["sdk range", i.sdkRange ?? "(none declared: compatible)"],
    ["apiVersion", String(i.apiVersion ?? "(no manifest)")],
    ["status", `${i.status}${i.cause ? `: ${i.cause}` : ""}`],
    ...(i.origin ? describeProvenance(i.origin) : []),
  ];
  const flagLines = (i.flags ?? []).map((f) => `  ${f.flag} <${f.type}>${f.required ? " (required)" : ""}  ${f.description}`);
  return [...rows.map(([k, v]) => `${k.padEnd(12)} ${v}`), ...(i.flags ? ["flags:", ...flagLines] : [])].join("\n");
}
