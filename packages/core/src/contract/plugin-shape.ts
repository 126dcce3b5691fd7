import * as z from "zod/mini";
import { optional } from "../format/zod.js";
import { COMMON_FLAGS } from "../flags/common.js";
import { flagLabel } from "../flags/names.js";
import { PLUGIN_API_VERSION, PLUGIN_NAME_PATTERN, RESERVED_NAMES, type IntegrationPlugin } from "./plugin.js";

const base = { description: z.string().check(z.minLength(1)), required: optional(z.boolean()), multiple: optional(z.boolean()) };

const flagSpecSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.enum(["string", "secret", "url", "domain", "duration"]), default: optional(z.string()) }),
  z.object({ ...base, type: z.literal("integer"), default: optional(z.number().check(z.int())) }),
  z.object({ ...base, type: z.literal("boolean"), default: optional(z.boolean()) }),
  z.object({ ...base, type: z.literal("enum"), values: z.array(z.string()).check(z.minLength(1)), default: optional(z.string()) }),
]);

const pluginSchema = z.object({
  apiVersion: z.number(),
  name: z.string(),
  description: z.string(),
  flags: z.record(z.string().check(z.regex(/^[a-z][a-zA-Z0-9]*$/, "flag keys are camelCase")), flagSpecSchema),
  build: z.custom<IntegrationPlugin["build"]>((value) => typeof value === "function", "must be a function"),
});

/** The result of checking what a plugin module exports. */
export interface PluginShapeResult {
  /** The plugins found (a module may export an array), present only when there are no problems. */
  plugins?: IntegrationPlugin[];
  /** Every problem, each naming the plugin and field. */
  problems: string[];
}

/**
 * Checks a plugin module's default export by shape (never by class): one plugin object or an array
 * of them, each with a supported `apiVersion`, a valid name that is not a command word, flag
 * declarations of known types that do not reuse a common flag, and a `build` function.
 */
export function checkPluginShape(exported: unknown): PluginShapeResult {
  const candidates = Array.isArray(exported) ? exported : [exported];
  const problems: string[] = [];
  const plugins: IntegrationPlugin[] = [];
  candidates.forEach((candidate, index) => {
    const where = Array.isArray(exported) ? `export[${index}]` : "default export";
    const parsed = pluginSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`${where}${issue.path.map((p) => `.${String(p)}`).join("")}: ${issue.message}`);
      }
      return;
    }
    const plugin = candidate as IntegrationPlugin;
    if (plugin.apiVersion !== PLUGIN_API_VERSION) {
      problems.push(`${plugin.name}: apiVersion ${plugin.apiVersion} is not supported (this host supports ${PLUGIN_API_VERSION})`);
    }
    if (!PLUGIN_NAME_PATTERN.test(plugin.name)) problems.push(`${where}.name: "${plugin.name}" must match ${PLUGIN_NAME_PATTERN}`);
    if (RESERVED_NAMES.includes(plugin.name)) problems.push(`${where}.name: "${plugin.name}" is a command word and cannot be an integration`);
    for (const key of Object.keys(plugin.flags)) {
      if (key in COMMON_FLAGS) problems.push(`${plugin.name}: flag ${flagLabel(key)} is a common flag the host provides; rename it`);
    }
    plugins.push(plugin);
  });
  return problems.length > 0 ? { problems } : { plugins, problems };
}
