import * as z from "zod/mini";
import { makeConfigSchema, type SchemaOptions } from "./schema.js";
import { CONFIG_DESCRIPTION } from "./schema-docs.js";

/**
 * The JSON Schema (draft 2020-12) of a whole config.yaml, generated from the core zod schema, for
 * editors (yaml-language-server: `# yaml-language-server: $schema=./config.schema.json`) and other tools.
 *
 * Every key carries its description (units, rules, the proxy's defaults as `default`). What zod
 * checks in code appears as the closest JSON Schema: `type: integer` and `minimum` for integers, a
 * `pattern` for names, destinations, Go durations, secret references and header names (each a
 * necessary condition of the real check), and a description for the rest (names unique
 * case-insensitively, no credentials in a destination). So a file valid under our rules is valid
 * under this schema; `integrations validate` remains the full check.
 *
 * @param options `allowDangerousLiteral` also admits `dangerousLiteral:` secret references. @default {}
 * @example JSON.stringify(configJsonSchema(), null, 2) // what `integrations schema` prints
 */
export function configJsonSchema(options: SchemaOptions = {}): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(makeConfigSchema(options), { io: "input", target: "draft-2020-12" });
  return { $schema, title: "AuthTranslator config.yaml", description: CONFIG_DESCRIPTION, ...rest };
}
