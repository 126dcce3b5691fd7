import { closestNames, didYouMean, RESERVED_NAMES, UsageError } from "@integrations/core";
import type { PluginRecord } from "../../discovery/record.js";

/**
 * The usage error for `integrations <name>` or `integrations update <name>` when no plugin answers
 * to `name`: the closest integrations (and, for the main job, command words: `lsit` → `list`), and,
 * when plugins are off, that only built-ins were looked for and how to turn plugins back on. The
 * suggestions are names the CLI knows, never anything else typed on the line.
 */
export function unknownIntegration(name: string, records: readonly PluginRecord[], mode: "add" | "update", pluginsOff: boolean): UsageError {
  const known = [...new Set(records.filter((r) => r.status !== "shadowed").map((r) => r.integration))];
  const close = closestNames(name, mode === "update" ? known : [...known, ...RESERVED_NAMES]);
  const available = close.length > 0 ? didYouMean(close) : `; available: ${known.join(", ") || "none"}`;
  if (pluginsOff) {
    return new UsageError(
      `"${name}" is not a built-in integration${mode === "add" ? " or a command" : ""}, and plugins are off (--no-plugins or INTEGRATIONS_NO_PLUGINS=1), so no plugin was looked for${didYouMean(close)}; run without --no-plugins and with INTEGRATIONS_NO_PLUGINS unset to use a plugin's integration`,
    );
  }
  if (mode === "update") {
    const plugins = close.length > 0 ? "" : `; plugins: ${known.join(", ") || "none"}`;
    return new UsageError(
      `"${name}" is not an integration plugin${didYouMean(close)}: update takes the plugin that writes the block, and --name for a block named otherwise (integrations update slack --name ${name} …)${plugins}`,
    );
  }
  return new UsageError(`unknown integration or command "${name}"${available} (see integrations list, and integrations --help for the commands)`);
}
