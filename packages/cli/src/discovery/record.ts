/** Where a plugin was found, in precedence order (docs/design.md "Discovery"): `--plugin`, the CLI config's `plugins`, the project, the user plugin directory, the global installs, the built-ins. */
export type PluginSource = "cli" | "config" | "project" | "user" | "global" | "builtin";

/**
 * A plugin's status in `integrations list`. Discovery, which reads package.json files only, says `ok`
 * for a package it found nothing against; what `list` shows comes from the last real import
 * (outcomes.ts): `ok` and `error` as of that import, `unchecked` when there was none since the
 * package's files last changed.
 */
export type PluginStatus = "ok" | "error" | "incompatible" | "shadowed" | "unchecked";

/**
 * How a plugin's code runs (docs/design.md "Trust"): `in-process` (built-ins, and third-party plugins
 * the user trusts), `sandbox` (a separate node process under Node's permission model: every other
 * third-party plugin), `off` (an untrusted plugin while the CLI config says `untrusted: off`: never
 * imported).
 */
export type PluginRunMode = "in-process" | "sandbox" | "off";

/** One integration offered by one discovered package. */
export interface PluginRecord {
  /** The integration name, the command: `slack`. */
  integration: string;
  /** The npm package name: `integrations-plugin-slack`. */
  packageName: string;
  /** The package's version from its package.json, when it could be read. */
  version?: string;
  /** The package directory, symlinks resolved. */
  dir: string;
  source: PluginSource;
  status: PluginStatus;
  /** Why the status is not `ok`: the import error, the shape problem, the package that shadows this one. */
  cause?: string;
  /** The package's description from its package.json, for `--help` and `list`. */
  description?: string;
  /** Whether the integration names came from an `integrationsPlugin` manifest (else from the package name). */
  manifest: boolean;
  /** A `--plugin` or `plugins:` package that is installed nowhere it is resolved from: its integration name is a guess from the name. */
  unresolved?: boolean;
  /**
   * The user plugin directory that npm installed it into (source `user`, not a linked plugin): its
   * files are checked against that directory's integrity.json before it is imported (verify-install.ts).
   */
  installedIn?: string;
  /** How its code runs, set by discovery on every record it returns (trust.ts); a third-party record without it runs `sandbox`. */
  runs?: PluginRunMode;
  /** What an import found that works today but may not for long (its own copy of another major of the SDK), for `list --check` and `doctor`. */
  warnings?: string[];
}
