import type { Command } from "commander";
import { errorPrefix } from "../../output/style.js";
import { examples } from "../../output/help-examples.js";
import type { Settle } from "../../run/action.js";
import type { Run } from "../../run/run.js";

/**
 * Registers `integrations doctor [--json] [--strict]`: the Node version against the CLI's engines,
 * the config file in use and why, the CLI config, each discovery source (paths, whether they exist,
 * how many plugins), the plugins by status with causes (each imported, as `list` does), and the npm
 * registries and scope mappings in effect (auth settings named, never their values). Exit 0, or 1
 * with `--strict` when any plugin is `error` or `incompatible`.
 */
export function registerDoctorCommand(program: Command, run: Run, settle: Settle): void {
  const { writeOut } = run.output;
  program
    .command("doctor")
    .description("show what the CLI sees: Node, config file, discovery sources, plugin statuses, npm registries")
    .option("--json", "print the report as one JSON object")
    .option("--strict", "exit 1 when any plugin is error or incompatible")
    .action(
      settle(async (options: { json?: boolean; strict?: boolean }) => {
        const { doctorReport } = await import("./doctor-report.js");
        const report = await doctorReport(run);
        if (options.json) writeOut(`${JSON.stringify(report, null, 2)}\n`);
        else writeOut((await import("./text.js")).doctorText(report));
        const failing = report.plugins.counts.error + report.plugins.counts.incompatible;
        if (options.strict && failing > 0) {
          const names = report.plugins.list.filter((p) => p.status === "error" || p.status === "incompatible").map((p) => `${p.integration} (${p.status})`);
          process.stderr.write(`${errorPrefix()} --strict: ${failing} ${failing === 1 ? "plugin is" : "plugins are"} not usable: ${names.join(", ")}; their causes are in the report\n`);
        }
        return options.strict && failing > 0 ? 1 : 0;
      }),
    )
    .addHelpText("after", examples("integrations doctor", "integrations doctor --json", "integrations doctor --strict   # in CI: fail when a plugin cannot load"));
}
