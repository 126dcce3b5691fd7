/**
 * The zod schemas of one integration block and of a whole config.yaml (docs/config-format.md).
 * Every object is strict: an unknown key is an error, as it is for the proxy.
 */
import * as z from "zod/mini";
import { describe, meta } from "./zod.js";
import { authTypesFor, type AuthDirection, type ParamRule } from "./auth-types.js";
import { checkDestination } from "./destination.js";
import { parseGoDuration } from "./duration.js";
import { containsCredential, isCredential, looksLikeCredential, maskSecret } from "./credentials.js";
import { checkSecretRef, closestMatch } from "./secret-ref.js";
import { authEntryDescription, FIELD_DESCRIPTIONS as FIELD, INTEGRATIONS_DESCRIPTION, PARAM_DESCRIPTIONS, secretRefDescription } from "./schema-docs.js";
import { DESTINATION_PATTERN, HEADER_NAME_PATTERN, NON_NEGATIVE_DURATION_PATTERN, OPTIONAL_HEADER_NAME_PATTERN, POSITIVE_DURATION_PATTERN, secretRefPattern } from "./schema-patterns.js";

/** Options for building the schemas. */
export interface SchemaOptions {
  /** Accept `dangerousLiteral:` secret references (plain-text credentials). @default false */
  allowDangerousLiteral?: boolean;
}

/** One `incoming_auth`/`outgoing_auth` entry; `params` holds exactly the keys its type allows. */
export interface AuthEntry {
  type: string;
  params: Record<string, unknown>;
}

export const NAME_PATTERN = /^[a-zA-Z0-9._-]+$/;
export const RATE_LIMIT_STRATEGIES = ["fixed_window", "token_bucket", "leaky_bucket"] as const;

/**
 * A strict object whose unknown-key message lists the keys that are allowed. `noKeys` replaces that
 * list for an object that allows none; `missing` is the message when the object itself is absent.
 */
function strict<S extends z.core.$ZodLooseShape>(shape: S, messages: { noKeys?: string; missing?: string } = {}) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === "invalid_type" && issue.input === undefined) return messages.missing;
      if (issue.code !== "unrecognized_keys") return undefined;
      const keys = issue.keys
        .map((key) => {
          const near = closestMatch(key, allowed);
          return near === undefined ? JSON.stringify(key) : `${JSON.stringify(key)} (did you mean "${near}"?)`;
        })
        .join(", ");
      const fix = allowed.length > 0 ? `allowed keys: ${allowed.join(", ")}` : (messages.noKeys ?? "no keys are allowed");
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${keys}; ${fix}`;
    },
  });
}

/** A value for a message: quoted, or masked when it looks like a credential. */
const show = (value: string) => (looksLikeCredential(value) ? maskSecret(value) : JSON.stringify(value));

/** Attach a check that returns a problem text (or undefined) to a string schema. */
const checked = (check: (value: string) => string | undefined) =>
  z.string().check(
    z.superRefine((value, ctx) => {
      const problem = check(value);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    }),
  );

/** The problem with an integration name (the `name` key, the `--name` flag), or undefined. */
export function checkName(name: string): string | undefined {
  if (name === "") return `must not be empty; use letters, digits, ".", "_" and "-"`;
  if (isCredential(name)) return `looks like a credential (${maskSecret(name)}), not a name; name the integration after its service, e.g. slack-prod`;
  if (NAME_PATTERN.test(name)) return undefined;
  const fixed = name
    .replace(/[^a-zA-Z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
  return `${show(name)} may contain only letters, digits, ".", "_" and "-"${fixed && !looksLikeCredential(name) ? `; e.g. ${fixed}` : ""}`;
}

/**
 * A Go duration string; `min` is "positive" (> 0) or "non-negative" (≥ 0). Descriptions and `pattern`s
 * (here and below) are metadata for `configJsonSchema`: they never change what validates.
 */
function duration(min: "positive" | "non-negative") {
  const schema = z
    .string({
      error: (issue) => (issue.input === undefined ? undefined : `must be a Go duration string such as "30s" or "1m" (quote a bare number: "0s")`),
    })
    .check(
      z.superRefine((text, ctx) => {
        const ns = parseGoDuration(text);
        const message =
          ns === undefined
            ? `${show(text)} is not a Go duration; write e.g. 30s, 1m or 1h30m (units ns, us, ms, s, m, h)`
            : min === "positive" && ns <= 0
              ? `must be greater than 0, e.g. 1m`
              : ns < 0
                ? `must not be negative; use 0s for no timeout`
                : undefined;
        if (message !== undefined) ctx.addIssue({ code: "custom", message });
      }),
    );
  return meta(schema, { pattern: min === "positive" ? POSITIVE_DURATION_PATTERN : NON_NEGATIVE_DURATION_PATTERN });
}

/**
 * A JSON integer (Go int64), optionally with a minimum. Checked by hand rather than with `z.int()`,
 * whose failure aborts the parse and would hide the duplicate-name check (rule 3) of the whole file.
 */
function integer(min?: number) {
  const schema = z.number().check(
    z.superRefine((n, ctx) => {
      const message = !Number.isInteger(n)
        ? `must be an integer, not ${n}`
        : Math.abs(n) >= 2 ** 63
          ? "is too large for a 64-bit integer"
          : min !== undefined && n < min
            ? `must be ${min} or more`
            : undefined;
      if (message !== undefined) ctx.addIssue({ code: "custom", message });
    }),
  );
  return meta(schema, min === undefined ? { type: "integer" } : { type: "integer", minimum: min });
}

/** RFC 9110 `token`, the syntax of an HTTP header name. */
export const HEADER_NAME = new RegExp(HEADER_NAME_PATTERN);
const HEADER_NAME_RULE = "must be an HTTP header name such as Authorization or X-Auth (no spaces or colon)";

/** An HTTP header name (RFC 9110 `token`): `Authorization`, `X-Auth`; not `X Auth` or `X-Auth:`. */
function headerName(required: boolean): z.ZodMiniType {
  const schema = z.string().check(
    z.superRefine((value, ctx) => {
      if (value === "" && required) ctx.addIssue({ code: "custom", message: "must not be empty" });
      else if (containsCredential(value)) ctx.addIssue({ code: "custom", message: CREDENTIAL_IN_PARAM });
      else if (value !== "" && !HEADER_NAME.test(value)) ctx.addIssue({ code: "custom", message: HEADER_NAME_RULE });
    }),
  );
  return meta(schema, { pattern: required ? HEADER_NAME_PATTERN : OPTIONAL_HEADER_NAME_PATTERN });
}

/**
 * Control characters: C0 (tab, CR and LF included), DEL and C1, and the noncharacters U+FFFE/U+FFFF. None belongs in a param that ends up
 * in an HTTP request (CR/LF would split a header), and YAML cannot hold most of them raw, so a block
 * carrying one could be written but not read back.
 */
const CONTROL_CHARACTER = /[\x00-\x1F\x7F-\x9F\uFFFE\uFFFF]/;

/** What to say about a credential in a param that is not a secret: where it belongs instead. */
const CREDENTIAL_IN_PARAM = "holds a credential; a credential belongs in secrets, as a secret reference such as env:TOKEN";

/** A free-text param value: any string without control characters or a credential (`prefix: "Bearer xoxb-…"`). */
function text(): z.ZodMiniString {
  return z
    .string()
    .check(z.refine((value) => !containsCredential(value), { message: CREDENTIAL_IN_PARAM, abort: true }))
    .check(
      z.refine((value) => !CONTROL_CHARACTER.test(value), {
        message: "must not contain control characters (tabs, line breaks, DEL, C1 codes, U+FFFE/U+FFFF); remove them",
      }),
    );
}

/** The zod schema of one param; `required` means present and non-empty (docs/config-format.md "Auth types and their params"). */
function paramSchema(key: string, rule: ParamRule, secretRef: z.ZodMiniType<string>): z.ZodMiniType {
  const nonEmpty = (s: z.ZodMiniString | z.ZodMiniArray<z.ZodMiniType>, message = "must not be empty") => (rule.required ? s.check(z.minLength(1, message)) : s);
  const schema =
    rule.kind === "string" && key.endsWith("header")
      ? headerName(rule.required ?? false)
      : rule.kind === "string"
        ? nonEmpty(text())
        : rule.kind === "secret"
          ? secretRef // checkSecretRef refuses "" itself
          : rule.kind === "string[]"
            ? nonEmpty(z.array(text()))
            : rule.kind === "secret[]"
              ? nonEmpty(z.array(secretRef), "must list at least one secret reference, e.g. [env:TOKEN]")
              : rule.kind === "integer"
                ? integer()
                : z.enum((rule.values ?? []) as [string, ...string[]]);
  const description = PARAM_DESCRIPTIONS[key];
  const docs = { ...(description ? { description } : {}), ...(rule.default !== undefined ? { default: rule.default } : {}) };
  return meta(rule.required ? schema : z.optional(schema), docs);
}

/** One auth entry of a direction: a known type and exactly its params. */
function authEntry(direction: AuthDirection, secretRef: z.ZodMiniType<string>): z.ZodMiniType<AuthEntry> {
  const table = authTypesFor(direction);
  const other = direction === "incoming" ? "outgoing" : "incoming";
  const known = Object.keys(table);
  const options = known.map((type) => {
    const shape = Object.fromEntries(Object.entries(table[type]!).map(([key, rule]) => [key, paramSchema(key, rule, secretRef)]));
    const params = strict(shape, {
      noKeys: `${type} takes no params; write params: {}`,
      missing: "is required; write params: {} when there are none",
    });
    const hasParams = Object.keys(shape).length > 0;
    return meta(strict({ type: z.literal(type), params }), { title: type, description: authEntryDescription(direction, type, hasParams) });
  });
  return z.discriminatedUnion("type", options as [(typeof options)[number], ...typeof options], {
    error: (issue) => {
      if (issue.code !== "invalid_union") return undefined;
      const type = (issue.input as { type?: unknown }).type;
      const list = `${direction}_auth types: ${known.join(", ")}`;
      if (type === undefined) return `is required; ${list}`;
      if (typeof type !== "string") return `must be a string; ${list}`;
      if (Object.hasOwn(authTypesFor(other), type)) {
        return `"${type}" is an ${other}_auth type and cannot be used in ${direction}_auth; ${list}`;
      }
      const near = closestMatch(type, known);
      return `unknown ${direction} auth type "${type}"${near ? ` (did you mean "${near}"?)` : ""}; ${list}`;
    },
  });
}

/** Build the schema of one integration block (docs/config-format.md "Keys of an integration block"). */
export function makeIntegrationSchema(options: SchemaOptions = {}) {
  const dangerous = options.allowDangerousLiteral ?? false;
  const secretRef = meta(
    checked((value) => checkSecretRef(value, options)),
    { description: secretRefDescription(dangerous), pattern: secretRefPattern(dangerous) },
  );
  return strict({
    name: meta(checked(checkName), { description: FIELD.name, pattern: NAME_PATTERN.source }),
    destination: meta(checked(checkDestination), { description: FIELD.destination, pattern: DESTINATION_PATTERN }),
    in_rate_limit: describe(z.optional(integer()), FIELD.in_rate_limit),
    out_rate_limit: describe(z.optional(integer()), FIELD.out_rate_limit),
    rate_limit_window: meta(z.optional(duration("positive")), { description: FIELD.rate_limit_window, default: "1m" }),
    rate_limit_strategy: meta(z.optional(z.enum(RATE_LIMIT_STRATEGIES)), { description: FIELD.rate_limit_strategy, default: "fixed_window" }),
    idle_conn_timeout: describe(z.optional(duration("non-negative")), FIELD.idle_conn_timeout),
    tls_handshake_timeout: describe(z.optional(duration("non-negative")), FIELD.tls_handshake_timeout),
    response_header_timeout: describe(z.optional(duration("non-negative")), FIELD.response_header_timeout),
    tls_insecure_skip_verify: meta(z.optional(z.boolean()), { description: FIELD.tls_insecure_skip_verify, default: false }),
    disable_keep_alives: meta(z.optional(z.boolean()), { description: FIELD.disable_keep_alives, default: false }),
    max_idle_conns: describe(z.optional(integer(0)), FIELD.max_idle_conns),
    max_idle_conns_per_host: describe(z.optional(integer(0)), FIELD.max_idle_conns_per_host),
    incoming_auth: describe(z.optional(z.array(authEntry("incoming", secretRef))), FIELD.incoming_auth),
    outgoing_auth: describe(z.optional(z.array(authEntry("outgoing", secretRef))), FIELD.outgoing_auth),
  });
}

/**
 * Build the schema of a whole config file: `{ integrations: [...] }`, names unique case-insensitively.
 *
 * @param integration the schema of one block; built from `options` unless given (the default
 *   `configSchema` shares `integrationSchema` rather than holding a second copy).
 */
export function makeConfigSchema(options: SchemaOptions = {}, integration: ReturnType<typeof makeIntegrationSchema> = makeIntegrationSchema(options)) {
  const integrations = z.array(integration).check(
    z.superRefine(
      (list, ctx) => {
        const seen = new Map<string, number>();
        list.forEach((item: unknown, index) => {
          const name = (item as { name?: unknown } | null)?.name;
          if (typeof name !== "string") return;
          const first = seen.get(name.toLowerCase());
          if (first === undefined) seen.set(name.toLowerCase(), index);
          else {
            const message = `${JSON.stringify(name)} duplicates integrations[${first}] (names are unique case-insensitively)`;
            ctx.addIssue({ code: "custom", message, path: [index, "name"] });
          }
        });
      },
      { when: (payload) => Array.isArray(payload.value) },
    ),
  );
  return strict({ integrations: describe(integrations, INTEGRATIONS_DESCRIPTION) });
}

export const integrationSchema = makeIntegrationSchema();
export const configSchema = makeConfigSchema({}, integrationSchema);

export type Integration = z.output<typeof integrationSchema>;
export type Config = z.output<typeof configSchema>;
