/**
 * Validation that reports every problem at once, each as `"<dotted path>: <problem>"`
 * (docs/config-format.md "What the proxy checks when it starts", plus the id syntax of secret references).
 */
import type * as z from "zod/mini";
import { describeValue } from "../text/describe-value.js";
import { sharingIssue } from "./shared-values.js";
import type { ValidationIssue } from "./validation-issue.js";
import { looksLikeCredential } from "./credentials.js";
import { configSchema, integrationSchema, makeConfigSchema, makeIntegrationSchema, type Config, type Integration } from "./schema.js";

export type { ValidationIssue };

/** Options for `validateIntegration` and `validateConfig`. */
export interface ValidateOptions {
  /** Prefix for every error path, e.g. `integrations[3]`. @default none: paths start at the field */
  path?: string;
  /** Accept `dangerousLiteral:` secret references. @default false */
  allowDangerousLiteral?: boolean;
}

/** The outcome: `value` (the parsed input) only when `errors` is empty. */
export interface ValidationResult<T> {
  value?: T;
  errors: string[];
}

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "an integer",
  int: "an integer",
  boolean: "true or false",
  array: "a list",
  object: "a map (key: value)",
  record: "a map (key: value)",
};

/** Friendly messages for zod's generic issues; schema-specific messages take precedence. */
function friendly(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValue(issue.input)}`;
    case "too_small":
      return issue.origin === "array" || issue.origin === "string" ? "must not be empty" : `must be ${issue.minimum} or more`;
    case "too_big":
      return issue.origin === "array" || issue.origin === "string" ? `is too long` : `must be at most ${issue.maximum}`;
    case "invalid_value": {
      const given = issue.input;
      const shown = typeof given === "string" && given.length <= 40 && !looksLikeCredential(given) ? `, not ${JSON.stringify(given)}` : "";
      return `must be one of ${issue.values.join(", ")}${shown}`;
    }
    default:
      return undefined;
  }
}

/** `integrations[2].outgoing_auth[0].params.secrets[1]` from a prefix and a zod path. */
function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(String(segment))) out += `${out ? "." : ""}${String(segment)}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

function issues<T>(schema: z.ZodMiniType<T>, value: unknown): { value?: T; issues: ValidationIssue[] } {
  const shape = sharingIssue(value);
  if (shape) return { issues: [shape] };
  const result = schema.safeParse(value, { error: friendly });
  if (result.success) return { value: result.data, issues: [] };
  return {
    issues: result.error.issues.map((issue) => ({
      path: [...issue.path],
      message: issue.message,
      ...(issue.code === "unrecognized_keys" && issue.keys[0] !== undefined ? { key: issue.keys[0] } : {}),
    })),
  };
}

/** An issue as one line: `integrations[2].destination: <message>` (`prefix` goes before the path). */
export function formatIssue(issue: ValidationIssue, prefix = ""): string {
  const path = formatPath(prefix, issue.path);
  return path === "" ? issue.message : `${path}: ${issue.message}`;
}

function run<T>(schema: z.ZodMiniType<T>, value: unknown, prefix = ""): ValidationResult<T> {
  const result = issues(schema, value);
  if (result.issues.length === 0) return { value: result.value as T, errors: [] };
  return { errors: result.issues.map((issue) => formatIssue(issue, prefix)) };
}

let permissive: { integration: typeof integrationSchema; config: typeof configSchema } | undefined;
function schemas(allowDangerousLiteral = false) {
  if (!allowDangerousLiteral) return { integration: integrationSchema, config: configSchema };
  permissive ??= {
    integration: makeIntegrationSchema({ allowDangerousLiteral: true }),
    config: makeConfigSchema({ allowDangerousLiteral: true }),
  };
  return permissive;
}

/**
 * Validate one integration block against every rule of docs/config-format.md except name
 * uniqueness (which needs the whole file; see `validateConfig`).
 * @example validateIntegration({ name: "x", destination: "example.com" }, { path: "integrations[3]" })
 * // { errors: ['integrations[3].destination: "example.com" has no scheme; write it as https://example.com'] }
 */
export function validateIntegration(value: unknown, options: ValidateOptions = {}): ValidationResult<Integration> {
  return run(schemas(options.allowDangerousLiteral).integration, value, options.path);
}

/** Validate a whole parsed config.yaml (`{ integrations: [...] }`), including unique names. */
export function validateConfig(value: unknown, options: ValidateOptions = {}): ValidationResult<Config> {
  return run(schemas(options.allowDangerousLiteral).config, value, options.path);
}

/** Like `validateConfig`, with each problem's path kept as data (to find its line in the file). */
export function validateConfigIssues(value: unknown, options: ValidateOptions = {}): ValidationIssue[] {
  return issues(schemas(options.allowDangerousLiteral).config, value).issues;
}
