import type { FlagSpecs, FlagValues } from "../flags/types.js";
import type { Integration } from "../format/schema.js";

/** The plugin API version this host implements; a manifest or plugin asking for another is `incompatible`. */
export const PLUGIN_API_VERSION = 1;

/** What `build` may use besides the flag values. */
export interface BuildContext {
  /** The integration name as typed on the command line (the plugin's `name`), e.g. `slack`. */
  integration: string;
}

/**
 * An integration plugin: the default export of an `integrations-plugin-*` package (or one element of
 * an exported array). Plain data plus one function; the host recognises it by shape, never by class.
 */
export interface IntegrationPlugin<F extends FlagSpecs = FlagSpecs> {
  /** The plugin API version, stamped by `definePlugin`. */
  apiVersion: typeof PLUGIN_API_VERSION;
  /** The command: `integrations <name> …`. Must match `^[a-z0-9][a-z0-9._-]*$` and not be a command word. */
  name: string;
  /** One line for `integrations --help` and `list`, e.g. "Slack Web API". */
  description: string;
  /** The flags this integration takes, besides the host's common flags (`--name`, `--destination`, …). */
  flags: F;
  /**
   * Returns the integration block exactly as it lands in `config.yaml`: snake_case keys of
   * docs/config-format.md "Keys of an integration block". The host applies the common flags on top, lowercases `name`, validates the
   * result with the core schema and refuses to write anything invalid. May throw to refuse the values.
   */
  build(flags: FlagValues<F>, ctx: BuildContext): Integration;
}

/** Command words that can never be integration names. */
export const RESERVED_NAMES: readonly string[] = ["list", "update", "delete", "validate", "plugins", "help", "schema", "doctor", "completion", "snapshot"];

/** The pattern every integration (plugin) name must match. */
export const PLUGIN_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
