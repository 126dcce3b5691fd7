export { definePlugin, API_VERSION } from "./define.js";
export type { PluginDefinition } from "./define.js";
export { tokenAuth, basicAuth, signatureAuth } from "./auth.js";
export type { TokenAuthOptions, SignatureType } from "./auth.js";
export { normalizeDomain } from "./domain.js";
export type { AuthEntry, BuildContext, FlagSpec, FlagSpecs, FlagType, FlagValues, IntegrationPlugin, Integration, TextFlag, IntegerFlag, BooleanFlag, EnumFlag } from "@integrations/core";
