import { checkRecords } from "../discovery/load.js";
import { projectCliNotice } from "../discovery/project-cli.js";
import { rememberedStatuses } from "../discovery/outcomes.js";
import type { PluginRecord } from "../discovery/record.js";
import type { Run } from "../run/run.js";
import { paint } from "../output/style.js";
import { statusWord } from "./status-word.js";

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

/** A record as one row of `list --json` (and of `doctor --json`'s plugins). */
export function listRow(r: PluginRecord): ListRow {
  return {
    integration: r.integration,
    package: r.packageName,
    version: r.version ?? null,
    source: r.source,
    status: r.status,
    cause: r.cause ?? null,
    description: r.description ?? null,
    path: r.dir,
  };
}

/**
 * `integrations list [--check] [--json]`: every discovered plugin (the line's `--plugin` values
 * included) with its integration name, package, version, source and status. Without `check` no
 * plugin code runs, so listing stays fast however many are installed: the status is the outcome of
 * the plugin's last real import by any run, while its files are unchanged since (`ok`, `error` with
 * the cause), else `unchecked` (outcomes.ts). With `check`, each plugin that is not shadowed or
 * incompatible is imported now, and one whose import throws (or exports the wrong shape) is listed
 * as `error` with the cause; one carrying its own SDK of another major is warned about on stderr.
 * Exits 0 even then: the status says so.
 */
export async function listPlugins(run: Run, options: { json: boolean; check: boolean }): Promise<number> {
  const { json } = options;
  const discovered = await run.discover();
  const records = options.check ? await checkRecords(discovered, run) : rememberedStatuses(discovered);
  const notice = projectCliNotice(run.cwd);
  if (notice) run.output.warn(notice);
  for (const r of records) for (const warning of r.warnings ?? []) run.output.warn(`${r.integration} (${r.packageName}): ${warning}`);
  const rows = records.map(listRow);
  if (json) {
    run.output.writeOut(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    run.output.writeOut("no integrations found\n");
    return 0;
  }
  const header = ["INTEGRATION", "PACKAGE", "VERSION", "SOURCE", "STATUS"];
  const table = rows.map((r) => [r.integration, r.package, r.version ?? "-", r.source, r.status]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  // STATUS is the last column: coloured after padding, so escape codes never count towards a width.
  const line = (cells: string[], status = (s: string) => s) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? status(c) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const out = [line(header), ...table.map((cells, i) => line(cells, () => statusWord(rows[i]!.status)))];
  for (const r of rows) if (r.cause) out.push(`  ${r.integration} (${r.package}): ${r.cause}`);
  if (rows.some((r) => r.status === "unchecked")) {
    out.push(paint("stdout", "gray", "unchecked: not imported by any run since its files last changed; integrations list --check imports it now"));
  }
  run.output.writeOut(`${out.join("\n")}\n`);
  return 0;
}
