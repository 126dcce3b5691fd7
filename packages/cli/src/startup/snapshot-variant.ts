/**
 * Which runs a snapshot is for: `integrations` (the default: every run, the integration commands
 * first) or `commands` (the command lines of `COMMANDS_RUNS`, which bin/integrations starts from it):
 * the latter is made from a bundle without the core's schemas, yaml, the built-ins and the cold
 * commands (scripts/bundle-commands-only.mjs), so those runs read a smaller heap.
 */
export type SnapshotVariant = "integrations" | "commands";
