import type { Command } from "commander";
import { examples } from "../output/help-examples.js";
import type { Run } from "../run/run.js";
import type { Settle } from "../run/action.js";

/**
 * Registers `integrations schema [--allow-dangerous-literal]`: prints the JSON Schema (draft 2020-12)
 * of config.yaml, generated from the core zod schema, for editors such as yaml-language-server.
 */
export function registerSchemaCommand(program: Command, run: Run, settle: Settle): void {
  program
    .command("schema")
    .description("print the JSON Schema (draft 2020-12) of config.yaml, with field descriptions, for editors")
    .option("--allow-dangerous-literal", "also admit dangerousLiteral: secret references")
    .action(
      settle(async (options: { allowDangerousLiteral?: boolean }) => {
        const { configJsonSchema } = await import("@integrations/core");
        const schema = configJsonSchema({ allowDangerousLiteral: options.allowDangerousLiteral ?? false });
        run.output.writeOut(`${JSON.stringify(schema, null, 2)}\n`);
        return 0;
      }),
    )
    .addHelpText(
      "after",
      examples(
        "integrations schema > config.schema.json",
        "# then, as the first line of config.yaml (yaml-language-server, e.g. VS Code's YAML extension):",
        "# yaml-language-server: $schema=./config.schema.json",
      ),
    );
}
