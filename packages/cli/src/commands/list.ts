import { discoverPlugins } from "../discovery/discover.js";
import { checkRecord } from "../discovery/load.js";
import type { PluginRecord } from "../discovery/record.js";
import { cliConfig } from "../settings.js";

/** One row of `integrations list --json`. */
export interface ListRow {
  integration: string;
  package: string;
  version: string | null;
  source: PluginRecord["source"];
  status: PluginRecord["status"];
  cause: string | null;
  description: string | null;
  path: string;
}

/**
 * `integrations list [--json]`: every discovered plugin (the line's `--plugin` values included) with
 * its integration name, package, version, source and status. Imports each plugin that is not shadowed or incompatible to report
 * its real status; a plugin whose import throws is listed as `error` with the cause. Exits 0 even
 * then: the status says so.
 */
export async function listPlugins(cwd: string, plugins: readonly string[], json: boolean): Promise<number> {
  const records = await Promise.all((await discoverPlugins({ cwd, plugins, config: await cliConfig(cwd) })).map(checkRecord));
  const rows: ListRow[] = records.map((r) => ({
    integration: r.integration,
    package: r.packageName,
    version: r.version ?? null,
    source: r.source,
    status: r.status,
    cause: r.cause ?? null,
    description: r.description ?? null,
    path: r.dir,
  }));
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    process.stdout.write("no integrations found\n");
    return 0;
  }
  const header = ["INTEGRATION", "PACKAGE", "VERSION", "SOURCE", "STATUS"];
  const table = rows.map((r) => [r.integration, r.package, r.version ?? "-", r.source, r.status]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  const out = [line(header), ...table.map(line)];
  for (const r of rows) if (r.cause) out.push(`  ${r.integration} (${r.package}): ${r.cause}`);
  process.stdout.write(`${out.join("\n")}\n`);
  return 0;
}
