import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse } from "yaml";
import { validateConfig } from "@integrations/core";
import { sharedPath } from "./paths.js";

const require = createRequire(import.meta.url);
const Ajv = require("ajv") as typeof import("ajv").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;

const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const schema = JSON.parse(readFileSync(sharedPath("reference", "authtranslator", "config.schema.json"), "utf8")) as object;
const check = ajv.compile(schema);

/**
 * Every problem with a config.yaml text: against AuthTranslator's published JSON Schema (ajv, draft-07)
 * and against our own validator (every rule of docs/config-format.md "What the proxy checks when it starts"). Empty when both accept it.
 */
export function schemaProblems(text: string): string[] {
  const data = parse(text, { merge: true }) as unknown;
  const problems: string[] = [];
  if (!check(data)) problems.push(...(check.errors ?? []).map((e) => `schema ${e.instancePath || "/"}: ${e.message}`));
  problems.push(...validateConfig(data).errors.map((e) => `rules ${e}`));
  return problems;
}

/** Throws, listing every problem, unless `text` is valid under both the published schema and our rules. */
export function assertValidConfig(text: string): void {
  const problems = schemaProblems(text);
  if (problems.length > 0) throw new Error(`config is not valid:\n${problems.join("\n")}\n---\n${text}`);
}
