import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020") as typeof import("ajv/dist/2020.js").default;

/**
 * Compiles a JSON Schema of draft 2020-12 (what zod 4's `toJSONSchema` emits) with ajv in strict mode,
 * so an unknown keyword or a bad pattern throws here. The returned check lists every problem with
 * `data` (`/integrations/0/name: must match pattern …`), empty when it is valid.
 */
export function compileJsonSchema2020(schema: object): (data: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const check = ajv.compile(schema);
  return (data) => (check(data) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || "/"}: ${e.message}`));
}
