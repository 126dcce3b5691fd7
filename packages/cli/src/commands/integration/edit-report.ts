import { maskSecretValue, type EditResult } from "@integrations/core";
import { printable } from "../../output/printable.js";

/** What an edit did, as `runIntegration` and `delete` report it. */
export type EditAction = "added" | "updated" | "deleted";

/**
 * The success line of an edit, naming the block, the file and the block's lines as written:
 * `added slack to config.yaml (lines 12–30)`, `updated slack in config.yaml (lines 4–21)`,
 * `deleted slack from config.yaml`, or `slack in config.yaml is already up to date; nothing written`.
 */
export function editLine(action: EditAction, file: string, result: Pick<EditResult, "name" | "lines" | "unchanged">): string {
  const name = printable(maskSecretValue(result.name));
  const where = printable(file);
  if (result.unchanged) return `${name} in ${where} is already up to date; nothing written`;
  const lines = result.lines ? ` (${result.lines.first === result.lines.last ? `line ${result.lines.first}` : `lines ${result.lines.first}–${result.lines.last}`})` : "";
  if (action === "deleted") return `deleted ${name} from ${where}`;
  return `${action} ${name} ${action === "added" ? "to" : "in"} ${where}${lines}`;
}

/** The same facts as `--json` fields: `integration` (as written), `file`, `written`, `unchanged`, `lines` ({first, last}) when known. */
export function editFields(file: string, result: Pick<EditResult, "name" | "lines" | "unchanged" | "written">): Record<string, unknown> {
  return { integration: maskSecretValue(result.name), file, written: result.written, unchanged: result.unchanged, ...(result.lines ? { lines: result.lines } : {}) };
}
