import type { FlagSpecs, IntegrationPlugin } from "@integrations/core";

/**
 * The plugin API version `definePlugin` stamps. A literal here, not imported from core, so that the
 * SDK's main entry stays free of runtime dependencies.
 */
export const API_VERSION = 1;

/** What a plugin author writes: the plugin without `apiVersion`, which `definePlugin` adds. */
export type PluginDefinition<F extends FlagSpecs> = Omit<IntegrationPlugin<F>, "apiVersion">;

/**
 * Declares an integration plugin: the package's default export. An identity helper that stamps
 * `apiVersion` and infers the flag value types `build` receives (required flags and flags with a
 * default are never `undefined`; enum flags are unions of their values; `flags.name` is the common
 * `--name` flag, by default the integration's name).
 *
 * @example
 * export default definePlugin({
 *   name: "acme",
 *   description: "Acme REST API",
 *   flags: { token: { type: "secret", required: true, description: "secret reference for the API token" } },
 *   build: (flags) => ({
 *     name: flags.name,
 *     destination: "https://api.acme.test",
 *     outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })],
 *   }),
 * });
 */
export function definePlugin<const F extends FlagSpecs>(definition: PluginDefinition<F>): IntegrationPlugin<F> {
  return { apiVersion: API_VERSION, ...definition };
}
