import type { ObservedOutcomes } from "../discovery/outcomes.js";
import type { PluginRecord } from "../discovery/record.js";
import { Output, type OutputMode } from "../output/output.js";
import type { Runtime } from "../runtime/runtime.js";
import { takeGlobalFlags } from "./global-flags.js";
import { loadCliConfig, type CliConfig } from "../cli-config/settings.js";

/** Where the config.yaml path came from (docs/design.md "The command line"): the flag, the environment, the CLI config, the default. */
export type ConfigFileOrigin = "flag" | "INTEGRATIONS_FILE" | "cliConfig" | "default";

/** The config.yaml a run edits, as typed (relative paths are relative to the working directory), and why that one. */
export interface ConfigFileChoice {
  path: string;
  from: ConfigFileOrigin;
}

/**
 * One run of the CLI: its command line and environment read once, in `startRun`. Everything a
 * command needs to know about the run comes from here; nothing about a run is kept in a module.
 */
export class Run {
  /** The CLI config, loaded on first use (most `--help` and `--version` runs never need it). */
  #cliConfig: Promise<CliConfig> | undefined;
  /** The outcomes of this run's plugin imports, written at exit for `list` (outcomes.ts). */
  readonly outcomes: ObservedOutcomes = new Map();
  /** Discovery's result for this run's options, shared by `--help`, `list` and the integration commands. */
  #discovered: Promise<PluginRecord[]> | undefined;

  constructor(
    readonly runtime: Runtime,
    /** The working directory. */
    readonly cwd: string,
    /** `--file`, when given. */
    readonly fileFlag: string | undefined,
    /** `--plugin` values, as typed, in order. */
    readonly plugins: readonly string[],
    /** `--no-plugins`, or `INTEGRATIONS_NO_PLUGINS` set to `1` or `true`: discovery offers the built-ins only and no other plugin code is imported. */
    readonly pluginsOff: boolean,
    readonly output: Output,
  ) {}

  /** The CLI's own config (`.integrationsrc.yaml`, …), searched once per run. @throws ConfigError as `loadCliConfig` */
  cliConfig(): Promise<CliConfig> {
    this.#cliConfig ??= loadCliConfig(this.cwd, { importModule: (specifier) => this.runtime.importModule(specifier), warn: (message) => this.output.warn(message) });
    return this.#cliConfig;
  }

  /**
   * The config.yaml path, from in order: the `--file` flag, `INTEGRATIONS_FILE`, the CLI config's
   * `file`, and `config.yaml` (docs/design.md "The command line"). Paths from the flag and the environment are returned as
   * typed, so messages show them as the user wrote them.
   *
   * @throws ConfigError when the CLI config is needed and cannot be read.
   */
  async configFile(): Promise<ConfigFileChoice> {
    // The CLI config is searched only when neither the flag nor the environment decides.
    return this.configFileGiven(this.fileFlag || this.runtime.env.INTEGRATIONS_FILE ? {} : await this.cliConfig());
  }

  /** `configFile`'s choice with `config` as the CLI config (`doctor` passes none when it cannot be read). */
  configFileGiven(config: CliConfig): ConfigFileChoice {
    if (this.fileFlag) return { path: this.fileFlag, from: "flag" };
    const fromEnv = this.runtime.env.INTEGRATIONS_FILE;
    if (fromEnv) return { path: fromEnv, from: "INTEGRATIONS_FILE" };
    return config.file ? { path: config.file, from: "cliConfig" } : { path: "config.yaml", from: "default" };
  }

  /** Every plugin this run can see (see `discoverPlugins`), discovered once per run. */
  discover(): Promise<PluginRecord[]> {
    this.#discovered ??= (async () => {
      const { discoverPlugins } = await import("../discovery/discover.js");
      return discoverPlugins({ cwd: this.cwd, plugins: this.plugins, config: await this.cliConfig(), pluginsOff: this.pluginsOff, warn: (message) => this.output.warn(message) });
    })();
    return this.#discovered;
  }

  /**
   * How long a plugin's import may take, in ms: `INTEGRATIONS_PLUGIN_TIMEOUT_MS` when it is a positive
   * number, else `fallback`, with a warning when the variable is set to anything else (a typo is not
   * silently ignored).
   */
  pluginTimeoutMs(fallback: number): number {
    const setting = this.runtime.env.INTEGRATIONS_PLUGIN_TIMEOUT_MS;
    if (!setting) return fallback;
    const ms = Number(setting);
    if (Number.isFinite(ms) && ms > 0) return ms;
    this.output.warn(`INTEGRATIONS_PLUGIN_TIMEOUT_MS=${setting} is not a positive number of milliseconds; using ${fallback}`);
    return fallback;
  }
}

/** Whether `argv` asks for JSON output (`--json`, or Go-style `-json`). */
export function jsonRequested(argv: readonly string[]): boolean {
  return argv.includes("--json") || argv.includes("-json");
}

/** Whether `argv` asks for stack traces (`--debug`, `-debug`), read before the global flags are taken out so that a usage error in them still honours it. */
export function debugRequested(argv: readonly string[]): boolean {
  return argv.includes("--debug") || argv.includes("-debug");
}

/** What a run's command line says, besides its command: the global flags and the output mode. */
export interface RunFlags extends OutputMode {
  file?: string;
  plugins: readonly string[];
  noPlugins: boolean;
}

/** A Run from flags already read (the completion reads its own line); the environment from the runtime. */
export function makeRun(runtime: Runtime, cwd: string, flags: RunFlags): Run {
  const pluginsOff = flags.noPlugins || /^(1|true)$/i.test(runtime.env.INTEGRATIONS_NO_PLUGINS ?? "");
  const output = new Output({ quiet: flags.quiet, json: flags.json, debug: flags.debug }, runtime.writeOut, runtime.writeErr);
  return new Run(runtime, cwd, flags.file, flags.plugins, pluginsOff, output);
}

/**
 * Reads the command line (without `node` and the script) and the runtime's environment into a Run,
 * and returns it with the words left once the global flags are taken out.
 *
 * @throws UsageError when `--file` or `--plugin` has no value.
 */
export function startRun(argv: readonly string[], cwd: string, runtime: Runtime): { run: Run; rest: string[] } {
  const { rest, ...flags } = takeGlobalFlags(argv);
  return { run: makeRun(runtime, cwd, { ...flags, json: jsonRequested(argv), debug: debugRequested(argv) }), rest };
}
