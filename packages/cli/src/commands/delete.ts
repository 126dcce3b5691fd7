import { deleteIntegration, maskSecretValue } from "@integrations/core";
import type { Run } from "../run/run.js";
import { unifiedDiff } from "./diff.js";
import { editFields, editLine } from "./integration/edit-report.js";

/**
 * `integrations delete <name> [--dry-run] [--json]`: removes that block's lines (name matched
 * case-insensitively) and prints `deleted <name> from <file>`, or the diff with `--dry-run`.
 *
 * @throws ConfigError `no integration named <name>` when it is not there (exit 1, nothing written).
 */
export async function deleteCommand(run: Run, name: string, options: { dryRun: boolean; json: boolean }): Promise<number> {
  const { output } = run;
  const file = (await run.configFile()).path;
  const result = await deleteIntegration(file, name, { dryRun: options.dryRun });
  const diff = () => unifiedDiff(file, result.before, result.after);
  if (options.dryRun && options.json) output.writeOut(`${JSON.stringify({ status: "dry-run", action: "deleted", integration: maskSecretValue(name), file, diff: diff() })}\n`);
  else if (options.dryRun) output.writeOut(diff());
  else if (options.json) output.writeOut(`${JSON.stringify({ status: "deleted", ...editFields(file, result) })}\n`);
  else output.success(editLine("deleted", file, result));
  return 0;
}
