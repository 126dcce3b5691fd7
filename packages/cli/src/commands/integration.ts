import { addIntegration, buildBlock, parseIntegrationArgv, updateIntegration, UsageError, type Integration } from "@integrations/core";
import { discoverPlugins, findPlugin } from "../discovery/discover.js";
import { loadPlugin } from "../discovery/load.js";
import { takeSwitches } from "../global-flags.js";
import { warn } from "../report.js";
import { cliConfig, resolveConfigFile } from "../settings.js";
import { unifiedDiff } from "./diff.js";
import { integrationHelp } from "./integration-help.js";

/** What the integration command needs from the line it was called with. */
export interface IntegrationCall {
  /** The integration (or plugin package) name typed first: `slack`, `@acme/integrations-plugin-slack`. */
  name: string;
  /** Its flags, global flags already taken out. */
  argv: string[];
  /** The `-file` value, when given. */
  file?: string;
  cwd: string;
  /** The `--plugin` values (DESIGN.md §3 source 1), as typed. */
  plugins?: readonly string[];
  /** `add` (the main job, `integrations slack …`) or `update` (`integrations update slack …`). */
  mode?: "add" | "update";
}

const SWITCHES = ["json", "allow-dangerous-literal", "dry-run", "replace", "help", "h"] as const;

/**
 * `integrations <integration> [flags]` (the main job) and `integrations update <integration> [flags]`.
 * Finds the plugin (importing only that one), parses and checks the flags, builds and validates the
 * block, and appends it (or updates the block of that name in place). Prints `integration added` /
 * `integration updated`, JSON with `--json`, or the diff with `--dry-run` (writing nothing); warns
 * when the block has no incoming_auth.
 *
 * @returns the exit code.
 * @throws UsageError for an unknown integration or bad flags; the errors of core for everything else.
 */
export async function runIntegration(call: IntegrationCall): Promise<number> {
  const records = await discoverPlugins({ cwd: call.cwd, plugins: call.plugins ?? [], config: await cliConfig(call.cwd) });
  const record = findPlugin(records, call.name);
  if (!record) {
    const known = records.filter((r) => r.status !== "shadowed").map((r) => r.integration);
    throw new UsageError(`unknown integration or command "${call.name}"; available: ${known.join(", ") || "none"} (see integrations list)`);
  }
  const plugin = await loadPlugin(record);
  const { on, rest } = takeSwitches(call.argv, SWITCHES);
  if (on.has("help") || on.has("h")) {
    process.stdout.write(integrationHelp(plugin, record));
    return 0;
  }
  if (on.has("replace") && call.mode !== "update") throw new UsageError("--replace only applies to integrations update");
  const options = { allowDangerousLiteral: on.has("allow-dangerous-literal"), dryRun: on.has("dry-run"), replace: on.has("replace") };
  const values = parseIntegrationArgv(rest, plugin.flags, { integration: plugin.name, ...options });
  const block = buildBlock(plugin, values, options);
  const file = await resolveConfigFile(call.file, call.cwd);
  const result = call.mode === "update" ? await updateIntegration(file, block, options) : { ...(await addIntegration(file, block, options)), action: "added" as const };
  warnAbout((result.block ?? block) as Integration, file, options.allowDangerousLiteral);
  if (options.dryRun) {
    const diff = unifiedDiff(file, result.before, result.after);
    process.stdout.write(on.has("json") ? `${JSON.stringify({ status: "dry-run", action: result.action, integration: block.name, file, diff })}\n` : diff);
  } else if (on.has("json")) {
    process.stdout.write(`${JSON.stringify({ status: result.action, integration: block.name, plugin: record.packageName, file })}\n`);
  } else {
    process.stdout.write(`integration ${result.action}\n`);
  }
  return 0;
}

function warnAbout(block: Integration, file: string, allowDangerousLiteral: boolean): void {
  if (!block.incoming_auth?.length) {
    warn(`integration ${block.name} has no incoming_auth: any caller that reaches the proxy can use it; add --incoming-token env:… to require a token`);
  }
  if (allowDangerousLiteral && JSON.stringify(block).includes("dangerousLiteral:")) {
    warn(`integration ${block.name} holds a dangerousLiteral: secret in plain text in ${file}; replace it with a reference such as env:NAME`);
  }
}
