import { Command } from "commander";
import { maskSecretsInMessage } from "@integrations/core/base";
import { answering } from "../discovery/discover.js";
import { registerPluginCommands } from "./plugins/command.js";
import { registerCompletionCommand } from "./completion.js";
import { registerSchemaCommand } from "./schema.js";
import { registerSnapshotCommand } from "./snapshot.js";
import { registerDoctorCommand } from "./doctor/command.js";
import { listPlugins } from "./list.js";
import type { Run } from "../run/run.js";
import { exitCodeKeeper } from "../run/action.js";
import { errorPrefix } from "../output/style.js";
import { cliManifest } from "../runtime/package-dir.js";
import { examples } from "../output/help-examples.js";

/**
 * The integrations found from `cwd` (and `--plugin`) for `--help`, from package.json manifests only
 * (no plugin code runs). A CLI config that cannot be read does not stop `--help`: the section says why.
 */
async function integrationsSection(run: Run): Promise<string> {
  try {
    await run.cliConfig();
  } catch (error) {
    return `\nIntegrations: cannot be listed: ${(error as Error).message}`;
  }
  const records = answering(await run.discover());
  if (records.length === 0) return "\nIntegrations: none found (see integrations list)";
  const width = Math.max(...records.map((r) => r.integration.length));
  const describe = (r: (typeof records)[number]) => (r.description ?? r.packageName).replace(/\s*\([^)]*integration plugin\)$/i, "");
  const rows = records.map((r) => `  ${r.integration.padEnd(width)}  ${describe(r)}${r.status === "ok" ? "" : ` [${r.status}]`}`);
  return `\nIntegrations (integrations <integration> --help for its flags):\n${rows.join("\n")}`;
}

/**
 * The commander program for the command words and the root `--help`. Integration commands
 * (`integrations slack …`, `integrations update slack …`) are routed before commander sees them (see
 * main.ts), because their flags come from plugins; `update` is declared here for the help text. The
 * commands that read or edit config.yaml import their modules (and with them yaml and zod) when they
 * run, so that `--help`, `--version` and `list` load neither.
 */
export async function buildProgram(run: Run): Promise<{ program: Command; exitCode: () => number }> {
  const built = declareProgram(run);
  built.program.addHelpText("after", await integrationsSection(run));
  built.program.addHelpText(
    "after",
    examples(
      "integrations slack -file config.yaml -token env:SLACK_TOKEN -signing-secret env:SLACK_SIGNING_SECRET",
      "integrations github --token env:GITHUB_TOKEN --webhook-secret env:GITHUB_WEBHOOK_SECRET --dry-run",
      "integrations update slack -token env:SLACK_TOKEN -signing-secret env:SLACK_SIGNING_SECRET --rate-limit-window 30s",
      "integrations delete slack",
      "integrations validate --json",
      "integrations list --configured",
    ),
  );
  return built;
}

/**
 * The program's commands and options, without the help's list of integrations: it reads nothing but
 * the CLI's package.json, so the start-up snapshot's warm-up declares it and formats its help.
 */
export function declareProgram(run: Run): { program: Command; exitCode: () => number } {
  const { settle, exitCode } = exitCodeKeeper();
  const program = new Command("integrations")
    .description("Stamp ready-to-run AuthTranslator integration blocks into config.yaml, from built-in and npm plugins.")
    .usage("[-file config.yaml] <integration> [flags]\n       integrations <command> [options]")
    .version(cliManifest().version, "-V, --version", "print the version (also -v)")
    .helpOption("-h, --help", "show this help")
    .option("--file <path>", "config.yaml to edit (default: $INTEGRATIONS_FILE, the CLI config's file, or config.yaml)")
    .option("--plugin <path|package>", "also load the plugin in that directory or package (repeatable; before the project's)")
    .option("--no-plugins", "run with the built-in plugins only: no project, user, global or --plugin plugin is listed or imported (also INTEGRATIONS_NO_PLUGINS=1)")
    .option("--debug", "print stack traces on errors")
    .option("--quiet", "print no success messages and no warnings (errors and requested output still print)")
    .configureOutput({ writeOut: (text) => run.output.writeOut(text), outputError: (text, write) => write(maskSecretsInMessage(text).replace(/^error:/, errorPrefix())) })
    .exitOverride()
    .showSuggestionAfterError(true)
    // Set before the subcommands are declared, which inherit it: each one's --help lists these flags.
    .configureHelp({ showGlobalOptions: true });
  program
    .command("update <integration>")
    .description("update the block this integration writes (named by --name, default the integration's name) in place, its own lines only; [flags] as for the integration")
    .option("--add", "append the block when no block has that name (without it, that is an error naming the closest names)")
    .option("--replace", "replace the whole block, dropping keys added by hand (also overwrites a block another integration wrote)")
    .option("--no-input", "never ask for missing required flags; fail with exit 2")
    .option("--dry-run", "print the diff instead of writing")
    .option("--json", "print the result as JSON")
    .allowUnknownOption()
    .addHelpText(
      "after",
      examples(
        "integrations update slack -token env:SLACK_TOKEN -signing-secret env:SLACK_SIGNING_SECRET --rate-limit-window 30s",
        "integrations update github --token env:GITHUB_TOKEN --webhook-secret env:GITHUB_WEBHOOK_SECRET --replace --dry-run",
      ),
    );
  program
    .command("delete <name>")
    .description("remove the integration of that name (matched case-insensitively): only its lines")
    .option("--dry-run", "print the diff instead of writing")
    .option("--json", "print the result as JSON")
    .action(
      settle(async (name: string, options: { dryRun?: boolean; json?: boolean }) => {
        const { deleteCommand } = await import("./delete.js");
        return deleteCommand(run, name, { dryRun: options.dryRun ?? false, json: options.json ?? false });
      }),
    )
    .addHelpText("after", examples("integrations delete slack -file config.yaml", "integrations delete github --dry-run"));
  program
    .command("list")
    .description("list the discovered integration plugins with package, version, source and status")
    .option("--configured", "list the integrations in the config file instead (name and destination)")
    .option("--check", "also import each plugin and report the ones that fail to load (runs their code)")
    .option("--json", "print the list as JSON")
    .action(
      settle(async (options: { json?: boolean; configured?: boolean; check?: boolean }) => {
        const json = options.json ?? false;
        if (!options.configured) return listPlugins(run, { json, check: options.check ?? false });
        const { listConfigured } = await import("./configured.js");
        return listConfigured(run, json);
      }),
    )
    .addHelpText("after", examples("integrations list", "integrations list --check --json", "integrations list --configured -file config.yaml"));
  program
    .command("validate")
    .description("the proxy's verdict on the whole config file: exit 1 on an error (the proxy refuses it, or a value can never work), or on a warning with --strict")
    .option("--json", "print the findings as JSON")
    .option("--strict", "fail (exit 1) on warnings too, e.g. in CI")
    .option("--env", "also check that every env: and file: secret reference resolves here (names and paths are printed, never values)")
    .option("--allow-dangerous-literal", "accept dangerousLiteral: secret references (with a warning)")
    .action(
      settle(async (options: { json?: boolean; allowDangerousLiteral?: boolean; strict?: boolean; env?: boolean }) => {
        const { validateFile } = await import("./validate.js");
        return validateFile(run, { json: options.json ?? false, allowDangerousLiteral: options.allowDangerousLiteral ?? false, strict: options.strict ?? false, env: options.env ?? false });
      }),
    )
    .addHelpText("after", examples("integrations validate -file config.yaml", "integrations validate --strict --env", "integrations validate --json"));
  program
    .command("help [integration]")
    .description("show help for the CLI or for one integration")
    .action(
      settle(async (integration?: string) => {
        if (!integration) {
          program.outputHelp();
          return 0;
        }
        const { runIntegration } = await import("./integration/command.js");
        return runIntegration(run, { name: integration, argv: ["--help"] });
      }),
    )
    .addHelpText("after", examples("integrations help", "integrations help slack"));
  registerPluginCommands(program, run, settle);
  registerDoctorCommand(program, run, settle);
  registerSchemaCommand(program, run, settle);
  registerCompletionCommand(program, run, settle);
  registerSnapshotCommand(program, run, settle);
  return { program, exitCode };
}
