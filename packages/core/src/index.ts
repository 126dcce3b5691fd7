// The Integration contract and config.yaml editing. Core never prints and never exits.
export { IntegrationsError, UsageError, InputError, ConfigError, FileError, PluginError, InternalError, errorText, inConfigFile, type FileMessage, type PluginRef } from "./errors.js";

export { parseGoDuration } from "./format/duration.js";
export { checkDestination, destinationWarning } from "./format/destination.js";
export { SECRET_SCHEMES, checkSecretRef, secretIdSyntax } from "./format/secret-ref.js";
export { maskSecret, looksLikeCredential } from "./format/credentials.js";
export type { SecretScheme } from "./format/secret-ref.js";
export { integrationSchema, configSchema } from "./format/schema.js";
export type { Integration, AuthEntry, Config } from "./format/schema.js";
export { configJsonSchema } from "./format/json-schema.js";
export { validateIntegration, validateConfig, validateConfigIssues, formatIssue } from "./format/validate.js";
export type { ValidationIssue } from "./format/validate.js";
export { proxyVerdict } from "./format/proxy-verdict.js";
export type { Verdict, VerdictIssue, VerdictOptions } from "./format/proxy-verdict.js";
export { readAsProxy } from "./format/proxy-read.js";
export { unresolvedReferences } from "./format/resolve-refs.js";
export type { ResolveContext } from "./format/resolve-refs.js";
export type { ProxyReading, ScalarText } from "./format/proxy-read.js";

export { PLUGIN_API_VERSION, RESERVED_NAMES, PLUGIN_NAME_PATTERN } from "./contract/plugin.js";
export type { IntegrationPlugin, BuildContext } from "./contract/plugin.js";
export { checkPluginShape } from "./contract/plugin-shape.js";
export type { PluginShapeResult } from "./contract/plugin-shape.js";
export type { FlagSpec, FlagSpecs, FlagType, FlagValues, TextFlag, IntegerFlag, BooleanFlag, EnumFlag } from "./flags/types.js";
export { COMMON_FLAGS, DEFAULT_INCOMING_HEADER } from "./flags/common.js";
export { parseIntegrationArgv, checkIntegrationFlags } from "./flags/parse.js";
export type { FlagValueMap } from "./flags/parse.js";
export { checkFlagValue } from "./flags/check.js";
export type { CheckOptions, Checked } from "./flags/check.js";
export { toKebabCase, toCamelCase, flagLabel, suggestedReference } from "./flags/names.js";
export { buildBlock, orderKeys, pluginFlagValues, KEY_ORDER } from "./contract/build.js";
export type { BuildOptions } from "./contract/build.js";

export { addIntegration } from "./edit/add.js";
export { updateIntegration } from "./edit/update.js";
export type { UpdateOptions, UpdateResult, UpdatingIntegration } from "./edit/update.js";
export { deleteIntegration } from "./edit/delete.js";
export { integrationList, indexOfName } from "./edit/frame.js";
export type { EditResult, EditOptions } from "./edit/frame.js";
export type { LineSpan } from "./edit/lines.js";
export { parseConfig } from "./yaml/parse.js";
export type { ParsedConfig } from "./yaml/parse.js";
export { decodeConfig } from "./yaml/source.js";
export { newConfigText } from "./yaml/append.js";
export { maskLiterals, maskLiteralsInText, maskSecretValue, maskSecretsInMessage } from "./format/mask.js";
export { readConfig, type ConfigRead } from "./edit/read-config.js";
export { closestNames, didYouMean } from "./text/closest.js";
export { assertWalkable } from "./format/shared-values.js";
