import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { integrationList, readConfig } from "@integrations/core";
import type { CliConfig } from "../../cli-config/settings.js";
import type { ConfigFileChoice, ConfigFileOrigin, Run } from "../../run/run.js";
import { cliManifest } from "../../runtime/package-dir.js";
import type { Runtime } from "../../runtime/runtime.js";

/** The running Node and what the CLI's `engines` asks for. */
export interface NodeFacts {
  version: string;
  /** The CLI package's `engines.node`, when declared. */
  required: string | null;
  satisfied: boolean;
}

/** The CLI itself. */
export interface CliFacts {
  version: string;
  path: string;
  /**
   * How this process started: `snapshot` from the V8 start-up snapshot (bin/integrations found one
   * that fits), `esm` from a plain entry, dist/bundle/plain.cjs or dist/bundle/bin.js (no snapshot
   * built, a stale one, NODE_OPTIONS set, INTEGRATIONS_NO_SNAPSHOT set, or `node <bin>` run directly).
   */
  startup: "snapshot" | "esm";
}

/** The CLI's own config file (`.integrationsrc.yaml`, `package.json#integrations`, …). */
export interface CliConfigFacts {
  /** Where it was found, or null when there is none (or it cannot be read). */
  path: string | null;
  /** Why it cannot be read; discovery then runs as if there were none. */
  error: string | null;
  autoDiscover: boolean;
}

/** The config.yaml the commands would edit. */
export interface ConfigFileFacts {
  /** As the commands use it (relative paths relative to the working directory). */
  path: string;
  absolutePath: string;
  from: ConfigFileOrigin;
  exists: boolean;
  /** Whether it reads and parses as YAML; null when it does not exist. */
  parses: boolean | null;
  /** Why it does not parse. */
  error: string | null;
  /** How many integrations it holds, when it parses. */
  integrations: number | null;
}

/** The CLI's version and its Node requirement against the running Node. */
export async function nodeAndCli(runtime: Runtime): Promise<{ node: NodeFacts; cli: CliFacts }> {
  const json = cliManifest();
  const required = json.engines?.node ?? null;
  const { default: satisfies } = await import("semver/functions/satisfies.js");
  return {
    node: { version: process.versions.node, required, satisfied: required === null || satisfies(process.versions.node, required) },
    cli: { version: json.version, path: runtime.packageDir, startup: runtime.startup },
  };
}

/** The CLI config as discovery will use it: a config that cannot be read counts as none, with the reason. */
export async function cliConfigFacts(run: Run): Promise<{ config: CliConfig; facts: CliConfigFacts }> {
  try {
    const config = await run.cliConfig();
    return { config, facts: { path: config.path ?? null, error: null, autoDiscover: config.autoDiscover !== false } };
  } catch (error) {
    return { config: {}, facts: { path: null, error: (error as Error).message, autoDiscover: true } };
  }
}

/** Which config.yaml the commands would edit, why that one, and whether it exists and parses. */
export async function configFileFacts({ path, from }: ConfigFileChoice, cwd: string): Promise<ConfigFileFacts> {
  const absolutePath = resolve(cwd, path);
  const exists = (await stat(absolutePath).catch(() => undefined)) !== undefined;
  const facts: ConfigFileFacts = { path, absolutePath, from, exists, parses: null, error: null, integrations: null };
  if (!exists) return facts;
  try {
    const parsed = readConfig(absolutePath);
    return { ...facts, parses: true, integrations: integrationList(parsed).length };
  } catch (error) {
    return { ...facts, parses: false, error: (error as Error).message };
  }
}
