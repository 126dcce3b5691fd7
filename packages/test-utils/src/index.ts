export { makeTempDir, writeFiles } from "./temp.js";
export { runCli, CLI_BIN } from "./cli.js";
export type { CliResult, RunOptions } from "./cli.js";
export { sharedPath, workspacePath } from "./paths.js";
export { schemaProblems, assertValidConfig } from "./schema.js";
export { configSandbox, REFERENCE_CONFIG, SLACK_FLAGS, SLACK_LINES, slackBlock } from "./sandbox.js";
export type { ConfigSandbox } from "./sandbox.js";
export { parse as parseYaml, parseAllDocuments } from "yaml";
