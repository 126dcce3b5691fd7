import {
  addIntegration,
  destinationWarning,
  maskSecretValue,
  parseIntegrationArgv,
  updateIntegration,
  UsageError,
  type CheckOptions,
  type FlagSpecs,
  type FlagValueMap,
  type Integration,
  type UpdatingIntegration,
} from "@integrations/core";
import { findPlugin, unresolvedEntriesFor } from "../../discovery/discover.js";
import { loadPlugin } from "../../discovery/load.js";
import { buildPluginBlock } from "../../discovery/build-block.js";
import type { PluginRecord } from "../../discovery/record.js";
import { takeSwitches } from "../../run/global-flags.js";
import { canPrompt, onlyMissingFlags, type PromptIo } from "./prompts/interactive.js";
import { EXIT } from "../../output/report.js";
import type { Output } from "../../output/output.js";
import type { Run } from "../../run/run.js";
import { unifiedDiff } from "../diff.js";
import { editFields, editLine } from "./edit-report.js";
import { integrationHelp } from "./help.js";
import { unknownIntegration } from "./unknown-integration.js";
import { reportStop } from "../../runtime/signals.js";
import { cliStdout } from "../../output/stdout.js";
import { SWITCHES } from "./switches.js";

/** What the integration command needs from the line it was called with, besides the run's own options. */
export interface IntegrationCall {
  /** The integration (or plugin package) name typed first: `slack`, `@acme/integrations-plugin-slack`. */
  name: string;
  /** Its flags, global flags already taken out. */
  argv: string[];
  /** `add` (the main job, `integrations slack …`) or `update` (`integrations update slack …`). */
  mode?: "add" | "update";
}

/** The flags besides the integration's that a mistyped flag may have meant (the global ones too). */
const OTHER_FLAGS = [...SWITCHES.filter((name) => name !== "h"), "file", "plugin", "no-plugins", "quiet", "debug"];

/**
 * `integrations <integration> [flags]` (the main job) and `integrations update <integration> [flags]`.
 * Finds the plugin (importing only that one), parses and checks the flags, builds and validates the
 * block, and appends it (or updates the block of that name in place: refused when no block has that
 * name unless `--add`, and when the block is another integration's unless `--replace`). Prints what
 * it did, naming the block, the file and its lines (`editLine`; an update that changes nothing
 * writes nothing and says so), JSON with `--json`, or the diff with `--dry-run` (writing nothing); warns
 * when the block has no incoming_auth. On a terminal (and not `CI=true`, not `--no-input`), missing
 * required flags are asked for, and the block is shown and confirmed before it is written.
 *
 * @returns the exit code.
 * @throws UsageError for an unknown integration or bad flags; the errors of core for everything else.
 */
export async function runIntegration(run: Run, call: IntegrationCall): Promise<number> {
  const { output } = run;
  const records = await run.discover();
  const record = findPlugin(records, call.name);
  if (!record) throw unknownIntegration(call.name, records, call.mode ?? "add", run.pluginsOff);
  const plugin = await loadPlugin(record, run);
  for (const entry of unresolvedEntriesFor(records, record)) output.warn(entry.cause ?? "");
  const { on, rest } = takeSwitches(call.argv, SWITCHES);
  if (on.has("help") || on.has("h")) {
    output.writeOut(integrationHelp(plugin, record));
    return 0;
  }
  for (const only of ["replace", "add"] as const) if (on.has(only) && call.mode !== "update") throw new UsageError(`--${only} only applies to integrations update`);
  const options = { allowDangerousLiteral: on.has("allow-dangerous-literal"), dryRun: on.has("dry-run"), replace: on.has("replace") };
  const flags = await readFlags(rest, plugin.flags, { integration: plugin.name, switches: OTHER_FLAGS, ...options }, on.has("no-input"), output);
  const values = flags.values;
  if (!values) return aborted(output, flags.asked, on.has("json"));
  const block = await buildPluginBlock(record, plugin, values, options);
  const file = (await run.configFile()).path;
  const edit = async (dryRun: boolean) =>
    call.mode === "update"
      ? await updateIntegration(file, block, { ...options, dryRun, ...updateChecks(plugin.name, records, on.has("add")) })
      : { ...(await addIntegration(file, block, { ...options, dryRun })), action: "added" as const };
  if (flags.asked && !options.dryRun) {
    const { confirmWrite } = await import("./prompts/confirm-write.js");
    if (!(await confirmWrite(file, await edit(true), flags.asked))) return aborted(output, flags.asked, on.has("json"));
  }
  const result = await edit(options.dryRun);
  warnAbout(output, (result.block ?? block) as Integration, file, options.allowDangerousLiteral);
  warnFileProblems(output, result.fileProblems ?? [], file);
  if (options.dryRun) {
    // An update that changes nothing has no diff: stdout (the patch) stays empty and stderr says why.
    const diff = result.unchanged ? "" : unifiedDiff(file, result.before, result.after);
    if (on.has("json")) output.writeOut(`${JSON.stringify({ status: "dry-run", action: result.action, integration: maskSecretValue(block.name), file, unchanged: result.unchanged, diff })}\n`);
    else if (result.unchanged) output.note(editLine(result.action, file, result));
    else output.writeOut(diff);
  } else if (on.has("json")) {
    output.writeOut(`${JSON.stringify({ status: result.action, ...editFields(file, result), plugin: record.packageName })}\n`);
  } else {
    output.success(editLine(result.action, file, result));
  }
  return 0;
}

/** What an update checks besides the name: `--add`, and that the block is not another integration's. */
function updateChecks(integration: string, records: readonly PluginRecord[], add: boolean): { add: boolean; integration: UpdatingIntegration } {
  return { add, integration: { name: integration, others: records.map((r) => r.integration).filter((name) => name !== integration) } };
}

/**
 * The checked flag values. When the only usage problem is missing required flags and the CLI may
 * prompt (`canPrompt`), those flags are asked for (`asked`: the prompts' stream and Ctrl-C watch,
 * for the confirmation that follows); no `values` when the user cancelled.
 */
async function readFlags(argv: string[], specs: FlagSpecs, options: CheckOptions, noInput: boolean, output: Output): Promise<{ values?: FlagValueMap; asked?: PromptIo }> {
  try {
    return { values: parseIntegrationArgv(argv, specs, options) };
  } catch (error) {
    const missing = onlyMissingFlags(error);
    if (missing.length === 0 || !canPrompt(noInput)) throw error;
    const [{ completeFlags }, { CtrlCWatch }] = await Promise.all([import("./prompts/complete-flags.js"), import("./prompts/ctrl-c.js")]);
    const asked: PromptIo = { output: cliStdout(output.writeOut), ctrlC: new CtrlCWatch() };
    const values = await completeFlags(argv, specs, missing, options, asked);
    return values ? { values, asked } : { asked };
  }
}

/** The user stopped at a prompt: nothing was written (exit 1; Ctrl-C, as SIGINT: 130). */
function aborted(output: Output, asked: PromptIo | undefined, json: boolean): number {
  if (asked?.ctrlC.pressed) return reportStop("SIGINT", json, output.writeOut);
  if (json) output.writeOut(`${JSON.stringify({ status: "error", exitCode: EXIT.failure, error: "cancelled at a prompt; nothing was written" })}\n`);
  return EXIT.failure;
}

/** The rest of the file will be refused by the proxy: say so once, with the first problem, and where the full verdict is. */
function warnFileProblems(output: Output, problems: readonly string[], file: string): void {
  if (problems.length === 0) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  output.warn(`the proxy will refuse ${file}: ${problems[0]}${more}; the block itself is valid; run integrations validate -file ${file} for the full verdict`);
}

function warnAbout(output: Output, block: Integration, file: string, allowDangerousLiteral: boolean): void {
  const scheme = typeof block.destination === "string" ? destinationWarning(block.destination) : undefined;
  if (scheme) output.warn(`integration ${block.name}: destination ${scheme}`);
  if (!block.incoming_auth?.length) {
    output.warn(`integration ${block.name} has no incoming_auth: any caller that reaches the proxy can use it; add --incoming-token env:… to require a token`);
  }
  if (allowDangerousLiteral && JSON.stringify(block).includes("dangerousLiteral:")) {
    output.warn(`integration ${block.name} holds a dangerousLiteral: secret in plain text in ${file}; replace it with a reference such as env:NAME`);
  }
}
