import type { Command } from "commander";
import { errorPrefix } from "../output/style.js";
import { examples } from "../output/help-examples.js";
import type { Run } from "../run/run.js";
import type { Settle } from "../run/action.js";

/** What `snapshot status` prints for each state, after the directory. */
const STATE_TEXT = {
  ready: "ready: the next run started by the shell uses it",
  stale: "stale: a file it was made from changed since (run integrations snapshot build)",
  "other-node": "made by another node binary than the one first on PATH (run integrations snapshot build)",
  off: "not used while INTEGRATIONS_NO_SNAPSHOT or NODE_OPTIONS is set",
  none: "none: runs start from the plain entry (run integrations snapshot build)",
} as const;

/**
 * Registers `integrations snapshot build|status [--json]`: makes this machine's start-up snapshot
 * (snapshot-build.ts), where installing did not (`--ignore-scripts`, pnpm, a read-only prefix), and
 * says whether the next run will use it.
 */
export function registerSnapshotCommand(program: Command, run: Run, settle: Settle): void {
  const { writeOut } = run.output;
  const snapshot = program
    .command("snapshot")
    .description("make or check the start-up snapshot that lets the CLI start faster (made at install time where install scripts run)")
    .addHelpText("after", examples("integrations snapshot status", "integrations snapshot build"));
  snapshot
    .command("build")
    .description("make the start-up snapshot for the node first on PATH (in the package, or in the user cache when the package is read-only)")
    .option("--json", "print the result as JSON")
    .action(
      settle(async (options: { json?: boolean }) => {
        const { buildSnapshot } = await import("../startup/snapshot-build.js");
        try {
          const built = buildSnapshot();
          if (options.json) writeOut(`${JSON.stringify({ ok: true, ...built }, null, 2)}\n`);
          else writeOut(`start-up snapshot made in ${built.dir} for node ${built.nodeVersion} (${built.node}), ${built.ms} ms\n`);
          return 0;
        } catch (error) {
          const message = `no start-up snapshot: ${(error as Error).message}`;
          if (options.json) writeOut(`${JSON.stringify({ ok: false, error: message }, null, 2)}\n`);
          else process.stderr.write(`${errorPrefix()} ${message}\n`);
          return 1;
        }
      }),
    )
    .addHelpText("after", examples("integrations snapshot build", "npm install -g --ignore-scripts @integrations/cli && integrations snapshot build"));
  snapshot
    .command("status")
    .description("say whether the next run will start from the start-up snapshot, and if not, why")
    .option("--json", "print the status as JSON")
    .action(
      settle(async (options: { json?: boolean }) => {
        const { snapshotStatus } = await import("../startup/snapshot-status.js");
        const status = snapshotStatus();
        if (options.json) writeOut(`${JSON.stringify(status, null, 2)}\n`);
        else {
          const where = status.dir ? `${status.dir}: ` : "";
          const changed = status.changed ? `\n  changed: ${status.changed}` : "";
          writeOut(`start-up snapshot ${where}${STATE_TEXT[status.state]}${changed}\n`);
        }
        return 0;
      }),
    )
    .addHelpText("after", examples("integrations snapshot status", "integrations snapshot status --json"));
}
