import { Command, Option } from "commander";
import { COMMON_FLAGS, suggestedReference, toKebabCase, type FlagSpec, type IntegrationPlugin } from "@integrations/core";
import type { PluginRecord } from "../../discovery/record.js";

const PLACEHOLDER: Record<FlagSpec["type"], string> = {
  string: "<text>",
  secret: "<ref>",
  url: "<url>",
  domain: "<domain>",
  duration: "<duration>",
  integer: "<n>",
  boolean: "",
  enum: "<value>",
};

function toOption(key: string, spec: FlagSpec): Option {
  const placeholder = PLACEHOLDER[spec.type];
  const flags = `--${toKebabCase(key)}${placeholder ? ` ${placeholder}` : ""}`;
  const notes = [
    spec.type === "enum" ? `(one of: ${spec.values.join(", ")})` : "",
    spec.required ? "(required)" : "",
    spec.multiple ? "(repeatable)" : "",
    spec.default !== undefined ? `(default: ${String(spec.default)})` : "",
  ];
  return new Option(flags, [spec.description, ...notes].filter(Boolean).join(" "));
}

/**
 * The `--help` text of one integration: its own flags (required ones marked), the common flags,
 * and the host flags, then examples built from the required flags (add, and update with --dry-run).
 */
export function integrationHelp(plugin: IntegrationPlugin, record: PluginRecord): string {
  const command = new Command(`integrations ${plugin.name}`)
    .usage("[flags]")
    .description(`${plugin.description}\nfrom ${record.packageName}${record.version ? `@${record.version}` : ""} (${record.source})`)
    .helpOption("-h, --help", "show this help");
  command.optionsGroup(`${plugin.name} flags (Go-style -flag also works):`);
  for (const [key, spec] of Object.entries(plugin.flags)) command.addOption(toOption(key, spec));
  command.optionsGroup("Common flags:");
  for (const [key, spec] of Object.entries(COMMON_FLAGS)) command.addOption(toOption(key, spec as FlagSpec));
  command.optionsGroup("Host flags:");
  command.addOption(new Option("--file <path>", "config.yaml to edit (default: $INTEGRATIONS_FILE, the CLI config's file, or config.yaml)"));
  command.addOption(new Option("--plugin <path|package>", "also load the plugin in that directory or package (repeatable)"));
  command.addOption(new Option("--no-plugins", "run with the built-in plugins only (also INTEGRATIONS_NO_PLUGINS=1)"));
  command.addOption(new Option("--allow-dangerous-literal", "accept dangerousLiteral: secret references (the secret lands in the file in plain text)"));
  command.addOption(new Option("--json", "print the result as JSON"));
  command.addOption(new Option("--no-input", "never ask for missing required flags; fail with exit 2 (the default when not on a terminal or CI=true)"));
  command.addOption(new Option("--dry-run", "print the diff instead of writing"));
  command.addOption(new Option("--quiet", "print no success message and no warnings (errors still print)"));
  command.addOption(new Option("--debug", "print stack traces on errors"));
  const required = Object.entries(plugin.flags).filter(([, spec]) => spec.required);
  const example = required.map(([key, spec]) => ` -${toKebabCase(key)}${exampleValue(plugin.name, key, spec)}`).join("");
  const lines = [`integrations ${plugin.name} -file config.yaml${example}`, `integrations update ${plugin.name}${example} --dry-run`];
  return `${command.helpInformation()}\nExamples:\n${lines.map((line) => `  ${line}\n`).join("")}`;
}

/**
 * A value for a required flag in the help's examples, with its leading space: one a shell takes as
 * typed (never a `<placeholder>`, which it would read as a redirect), and for a secret the reference
 * the CLI suggests everywhere (`env:SLACK_SIGNING_SECRET`).
 */
function exampleValue(integration: string, key: string, spec: FlagSpec): string {
  switch (spec.type) {
    case "secret":
      return ` ${suggestedReference(integration, key)}`;
    case "domain":
      return ` ${integration}.example.com`;
    case "url":
      return ` https://${integration}.example.com`;
    case "duration":
      return " 1m";
    case "integer":
      return " 10";
    case "enum":
      return ` ${spec.values[0]}`;
    case "boolean":
      return "";
    default:
      return ` ${integration}-${toKebabCase(key)}`;
  }
}
