import type { FlagSpecs, IntegrationPlugin } from "@integrations/core";
import type { SandboxSession } from "./session.js";

/**
 * A plugin that runs in its sandboxed process: its declarations (name, description, flags) as its
 * module exported them, for `--help`, prompts and parsing; its `build` runs in the child through
 * `session.build` (the host's `buildPluginBlock`), never in this process.
 */
export class SandboxedPlugin implements IntegrationPlugin {
  readonly apiVersion: IntegrationPlugin["apiVersion"];
  readonly name: string;
  readonly description: string;
  readonly flags: FlagSpecs;

  constructor(
    declared: IntegrationPlugin,
    readonly session: SandboxSession,
  ) {
    this.apiVersion = declared.apiVersion;
    this.name = declared.name;
    this.description = declared.description;
    this.flags = declared.flags;
  }

  build(): never {
    throw new Error(`integration ${this.name} is sandboxed: its block is built in its own process (buildPluginBlock)`);
  }
}
