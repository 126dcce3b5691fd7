// `@integrations/core/base`: the light part of the core contract (errors, the plugin API's constants,
// secret masking, flag names), without zod and without yaml. The CLI imports this at start-up and the
// whole of `@integrations/core` only in the commands that read or edit config.yaml, so that `--help`,
// `--version` and `list` load neither (docs/performance.md).
export { IntegrationsError, UsageError, InputError, ConfigError, FileError, PluginError, InternalError, errorText, inConfigFile, type FileMessage, type PluginRef } from "./errors.js";
export { PLUGIN_API_VERSION, RESERVED_NAMES, PLUGIN_NAME_PATTERN } from "./contract/plugin.js";
export { maskSecretsInMessage } from "./format/mask.js";
export { toKebabCase } from "./flags/names.js";
export { filesWritten, releaseLocksNow } from "./file/in-flight.js";
