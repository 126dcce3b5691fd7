export { main } from "./commands/main.js";
export { toPackageName, toShorthand, defaultIntegrationName, isPluginPackageName } from "./discovery/naming.js";
export { discoverPlugins } from "./discovery/discover.js";
export type { DiscoveryOptions } from "./discovery/discover.js";
export type { PluginRecord, PluginSource, PluginStatus } from "./discovery/record.js";
