// The Integration contract and config.yaml editing. Core never prints and never exits.
export { UsageError, InputError, ConfigError, FileError, PluginError } from "./errors.js";

export { parseGoDuration } from "./duration.js";
export { checkDestination, destinationWarning } from "./destination.js";
export { SECRET_SCHEMES, checkSecretRef, secretIdSyntax } from "./secret-ref.js";
export { maskSecret, looksLikeCredential } from "./credentials.js";
export type { SecretScheme } from "./secret-ref.js";
export { integrationSchema, configSchema } from "./schema.js";
export type { Integration, AuthEntry, Config } from "./schema.js";
export { configJsonSchema } from "./json-schema.js";
export { validateIntegration, validateConfig, validateConfigIssues, formatIssue } from "./validate.js";
export type { ValidationIssue } from "./validate.js";
export { proxyVerdict } from "./proxy-verdict.js";
export type { Verdict, VerdictIssue, VerdictOptions } from "./proxy-verdict.js";
export { readAsProxy } from "./proxy-read.js";
export { unresolvedReferences } from "./resolve-refs.js";
export type { ResolveContext } from "./resolve-refs.js";
export type { ProxyReading, ScalarText } from "./proxy-read.js";

export { PLUGIN_API_VERSION, RESERVED_NAMES, PLUGIN_NAME_PATTERN } from "./plugin.js";
export type { IntegrationPlugin, BuildContext } from "./plugin.js";
export { checkPluginShape } from "./plugin-shape.js";
export type { PluginShapeResult } from "./plugin-shape.js";
export type { FlagSpec, FlagSpecs, FlagType, FlagValues, TextFlag, IntegerFlag, BooleanFlag, EnumFlag } from "./flags/types.js";
export { COMMON_FLAGS, DEFAULT_INCOMING_HEADER } from "./flags/common.js";
export { parseIntegrationArgv, checkIntegrationFlags } from "./flags/parse.js";
export type { FlagValueMap } from "./flags/parse.js";
export { checkFlagValue } from "./flags/check.js";
export type { CheckOptions, Checked } from "./flags/check.js";
export { toKebabCase, toCamelCase, flagLabel, suggestedReference } from "./flags/names.js";
export { buildBlock, orderKeys, KEY_ORDER } from "./build.js";
export type { BuildOptions } from "./build.js";

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
export { maskLiterals, maskLiteralsInText, maskSecretValue, maskSecretsInMessage } from "./mask.js";
export { readConfig, type ConfigRead } from "./read-config.js";
export { closestNames, didYouMean } from "./closest.js";
export { assertWalkable } from "./shared-values.js";
