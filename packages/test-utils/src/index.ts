export { makeTempDir, writeFiles } from "./temp.js";
export { runCli, CLI_BIN } from "./cli.js";
export type { CliResult, RunOptions } from "./cli.js";
export { sharedPath, workspacePath } from "./paths.js";
export { schemaProblems, assertValidConfig } from "./schema.js";
