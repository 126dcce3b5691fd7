import { readFileSync } from "node:fs";
import { Command } from "commander";
import { discoverPlugins } from "./discovery/discover.js";
import { listPlugins } from "./commands/list.js";
import { runIntegration } from "./commands/integration.js";

const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** The integrations found from `cwd` for `--help`, from package.json manifests only (no plugin code runs). */
async function integrationsSection(cwd: string): Promise<string> {
  const records = (await discoverPlugins(cwd)).filter((r) => r.status !== "shadowed");
  if (records.length === 0) return "\nIntegrations: none found (see integrations list)\n";
  const width = Math.max(...records.map((r) => r.integration.length));
  const rows = records.map((r) => `  ${r.integration.padEnd(width)}  ${r.description ?? r.packageName}${r.status === "ok" ? "" : ` [${r.status}]`}`);
  return `\nIntegrations (integrations <integration> --help for its flags):\n${rows.join("\n")}\n`;
}

/**
 * The commander program for the command words (`list`, `help`) and the root `--help`. Integration
 * commands are routed before commander sees them (see main.ts), because their flags come from plugins.
 */
export async function buildProgram(cwd: string, file: string | undefined): Promise<{ program: Command; exitCode: () => number }> {
  let code = 0;
  const program = new Command("integrations")
    .description("Stamp ready-to-run AuthTranslator integration blocks into config.yaml, from built-in and npm plugins.")
    .usage("[-file config.yaml] <integration> [flags]\n       integrations <command> [options]")
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show this help")
    .option("--file <path>", "config.yaml to edit (default: $INTEGRATIONS_FILE, the CLI config's file, or config.yaml)")
    .option("--debug", "print stack traces on errors")
    .exitOverride()
    .showSuggestionAfterError(true);
  program
    .command("list")
    .description("list the discovered integration plugins with package, version, source and status")
    .option("--json", "print the list as JSON")
    .action(async (options: { json?: boolean }) => {
      code = await listPlugins(cwd, options.json ?? false);
    });
  program
    .command("help [integration]")
    .description("show help for the CLI or for one integration")
    .action(async (integration?: string) => {
      if (integration) {
        const args = file ? { file } : {};
        code = await runIntegration({ name: integration, argv: ["--help"], cwd, ...args });
      } else {
        program.outputHelp();
      }
    });
  program.addHelpText("after", await integrationsSection(cwd));
  program.addHelpText("after", [
    "",
    "Examples:",
    "  integrations slack -file config.yaml -token env:SLACK_TOKEN -signing-secret env:SLACK_SIGNING",
    "  integrations github --token env:GITHUB_TOKEN --webhook-secret env:GITHUB_WEBHOOK_SECRET",
    "  integrations list --json",
    "",
  ].join("\n"));
  return { program, exitCode: () => code };
}
