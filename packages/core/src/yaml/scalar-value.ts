import { CST, Document, isScalar, type ScalarTag } from "yaml";
import { COMPOSE_OPTIONS } from "./parse.js";

/** The kinds of one-line scalar token whose value `scalarValue` gives. */
export type ScalarKind = "scalar" | "single-quoted-scalar" | "double-quoted-scalar";

const document = new Document(null, COMPOSE_OPTIONS);
const { schema, options } = document;
const tags = schema.tags as ScalarTag[];
const stringTag = (schema as unknown as Record<symbol, ScalarTag>)[Symbol.for("yaml.scalar")]!;
/** Plain values and keys already resolved, by source (null: not answered): a config repeats the same few thousands of times. */
const plainValues = new Map<string, { value: unknown } | null>();
const plainKeys = new Map<string, { value: unknown } | null>();

/**
 * The data of a one-line scalar token as `parseConfig` reads it, or undefined when it is not one this
 * shortcut answers for (yaml would report a problem, or the value is not a string, number, boolean or
 * null, or a plain key is a merge key). Quoted scalars are decoded by yaml's `CST.resolveAsScalar`;
 * plain ones are resolved by the tags of the very schema `parseConfig` composes with, chosen as yaml's
 * composer chooses them (the first default tag whose test matches).
 */
export function scalarValue(kind: ScalarKind, source: string, atKey: boolean): { value: unknown } | undefined {
  if (kind !== "scalar") return quotedValue(kind, source);
  const memo = atKey ? plainKeys : plainValues;
  let read = memo.get(source);
  if (read === undefined) {
    // `<<` as a key is a merge key: composed by yaml
    const mergeKey = atKey && tags.some((t) => t.default === "key" && t.test?.test(source));
    read = (mergeKey ? undefined : resolvePlain(source)) ?? null;
    memo.set(source, read);
  }
  return read ?? undefined;
}

function resolvePlain(source: string): { value: unknown } | undefined {
  const text = decode("scalar", source);
  if (text === undefined || text !== source) return undefined; // folded or trimmed: not a one-line token as written
  const tag = tags.find((t) => t.default === true && t.test?.test(text)) ?? stringTag;
  let failed = false;
  const resolved = tag.resolve(text, () => (failed = true), options);
  const value = isScalar(resolved) ? resolved.value : resolved;
  if (failed || (typeof value === "object" && value !== null) || typeof value === "bigint" || typeof value === "symbol" || typeof value === "function") return undefined;
  return { value };
}

function quotedValue(kind: Exclude<ScalarKind, "scalar">, source: string): { value: unknown } | undefined {
  const text = decode(kind, source);
  return text === undefined ? undefined : { value: text };
}

/** The string yaml reads from a scalar token on its own, or undefined when yaml reports a problem with it. */
function decode(type: ScalarKind, source: string): string | undefined {
  let failed = false;
  const resolved = CST.resolveAsScalar({ type, offset: 0, indent: 0, source }, false, () => (failed = true));
  return !resolved || failed ? undefined : resolved.value;
}
