import { deleteIntegration, maskSecretValue } from "@integrations/core";
import { success } from "../output/report.js";
import { resolveConfigFile } from "../run/settings.js";
import { unifiedDiff } from "./diff.js";
import { editFields, editLine } from "./integration/edit-report.js";
import { writeOut } from "../output/stdout.js";

/**
 * `integrations delete <name> [--dry-run] [--json]`: removes that block's lines (name matched
 * case-insensitively) and prints `deleted <name> from <file>`, or the diff with `--dry-run`.
 *
 * @throws ConfigError `no integration named <name>` when it is not there (exit 1, nothing written).
 */
export async function deleteCommand(name: string, flagFile: string | undefined, cwd: string, options: { dryRun: boolean; json: boolean }): Promise<number> {
  const file = await resolveConfigFile(flagFile, cwd);
  const result = await deleteIntegration(file, name, { dryRun: options.dryRun });
  const diff = () => unifiedDiff(file, result.before, result.after);
  if (options.dryRun && options.json) writeOut(`${JSON.stringify({ status: "dry-run", action: "deleted", integration: maskSecretValue(name), file, diff: diff() })}\n`);
  else if (options.dryRun) writeOut(diff());
  else if (options.json) writeOut(`${JSON.stringify({ status: "deleted", ...editFields(file, result) })}\n`);
  else success(editLine("deleted", file, result));
  return 0;
}
