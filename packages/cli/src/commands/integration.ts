import { addIntegration, buildBlock, parseIntegrationArgv, UsageError } from "@integrations/core";
import { discoverPlugins, findPlugin } from "../discovery/discover.js";
import { loadPlugin } from "../discovery/load.js";
import { takeSwitches } from "../global-flags.js";
import { warn } from "../report.js";
import { resolveConfigFile } from "../settings.js";
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
}

/**
 * `integrations <integration> [flags]`: the main job. Finds the plugin (importing only that one),
 * parses and checks the flags, builds and validates the block, and appends it to the config file.
 * Prints `integration added` (or JSON with `--json`); warns when the block has no incoming_auth.
 *
 * @returns the exit code.
 * @throws UsageError for an unknown integration or bad flags; the errors of core for everything else.
 */
export async function runIntegration(call: IntegrationCall): Promise<number> {
  const records = await discoverPlugins(call.cwd);
  const record = findPlugin(records, call.name);
  if (!record) {
    const known = records.filter((r) => r.status !== "shadowed").map((r) => r.integration);
    throw new UsageError(`unknown integration or command "${call.name}"; available: ${known.join(", ") || "none"} (see integrations list)`);
  }
  const plugin = await loadPlugin(record);
  const { on, rest } = takeSwitches(call.argv, ["json", "allow-dangerous-literal", "help", "h"]);
  if (on.has("help") || on.has("h")) {
    process.stdout.write(integrationHelp(plugin, record));
    return 0;
  }
  const allowDangerousLiteral = on.has("allow-dangerous-literal");
  const values = parseIntegrationArgv(rest, plugin.flags, { integration: plugin.name, allowDangerousLiteral });
  const block = buildBlock(plugin, values, { allowDangerousLiteral });
  const file = await resolveConfigFile(call.file, call.cwd);
  await addIntegration(file, block, { allowDangerousLiteral });
  if (!block.incoming_auth?.length) {
    warn(`integration ${block.name} has no incoming_auth: any caller that reaches the proxy can use it; add --incoming-token env:… to require a token`);
  }
  if (allowDangerousLiteral && JSON.stringify(block).includes("dangerousLiteral:")) {
    warn(`integration ${block.name} holds a dangerousLiteral: secret in plain text in ${file}; replace it with a reference such as env:NAME`);
  }
  if (on.has("json")) {
    process.stdout.write(`${JSON.stringify({ status: "added", integration: block.name, plugin: record.packageName, file })}\n`);
  } else {
    process.stdout.write("integration added\n");
  }
  return 0;
}
