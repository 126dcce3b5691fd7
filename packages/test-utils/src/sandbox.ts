import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, type CliResult } from "./cli.js";
import { makeTempDir } from "./temp.js";
import { sharedPath } from "./paths.js";

/** A temp dir holding `config.yaml`, and how to run the CLI in it and look at the result. */
export interface ConfigSandbox {
  dir: string;
  /** Runs the built CLI with `args` in the sandbox. */
  run(...args: string[]): CliResult;
  /** config.yaml's bytes (throws when it does not exist). */
  bytes(): Buffer;
  /** config.yaml's text. */
  text(): string;
  /** The names in the sandbox directory, sorted: proves no temp or lock file was left behind. */
  entries(): string[];
}

/** A temp dir with `config.yaml` holding `config` (no file when `config` is undefined). */
export function configSandbox(config?: string | Buffer): ConfigSandbox {
  const dir = makeTempDir();
  const path = join(dir, "config.yaml");
  if (config !== undefined) writeFileSync(path, config);
  return {
    dir,
    run: (...args) => runCli(args, { cwd: dir }),
    bytes: () => readFileSync(path),
    text: () => readFileSync(path, "utf8"),
    entries: () => readdirSync(dir).sort(),
  };
}

/** AuthTranslator's default config (`conf-config.yaml`), read as text so that a copy is writable. */
export const REFERENCE_CONFIG = readFileSync(sharedPath("reference", "authtranslator", "conf-config.yaml"), "utf8");

/** The slack flags of the README's first command: `-token env:SLACK_TOKEN -signing-secret env:SLACK_SIGNING_SECRET`. */
export const SLACK_FLAGS = ["-token", "env:SLACK_TOKEN", "-signing-secret", "env:SLACK_SIGNING_SECRET"];

/**
 * The lines of a slack block as the CLI writes it into a 2-space file (`-` in column 2), without line
 * ends: named `name`, with these secret references and rate-limit window.
 */
export function slackItemLines(name = "slack", refs = { token: "env:SLACK_TOKEN", signingSecret: "env:SLACK_SIGNING_SECRET" }, window = "1m"): string[] {
  return [
    `  - name: ${name}`,
    "    destination: https://slack.com/api",
    "    in_rate_limit: 50",
    "    out_rate_limit: 50",
    `    rate_limit_window: ${window}`,
    "    idle_conn_timeout: 10s",
    "    incoming_auth:",
    "      - type: slack_signature",
    "        params:",
    "          secrets:",
    `            - ${refs.signingSecret}`,
    "    outgoing_auth:",
    "      - type: token",
    "        params:",
    "          header: Authorization",
    '          prefix: "Bearer "',
    "          secrets:",
    `            - ${refs.token}`,
  ];
}

/** The lines the README's slack command appends to a 2-space file (`-` in column 2), without line ends. */
export const SLACK_LINES = slackItemLines();

/** SLACK_LINES as text, each line ending in `eol`. */
export function slackBlock(eol = "\n"): string {
  return SLACK_LINES.map((line) => line + eol).join("");
}
