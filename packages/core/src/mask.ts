import { maskSecret } from "./secret-ref.js";

const LITERAL = /dangerousLiteral:([^\s"',\]}]+)/g;

/** Replaces the value of every `dangerousLiteral:` reference in a text (a diff, a YAML block) with its masked form. */
export function maskLiteralsInText(text: string): string {
  return text.replace(LITERAL, (_, value: string) => `dangerousLiteral:${maskSecret(value)}`);
}

/** A deep copy of `value` with every `dangerousLiteral:` string masked, for `--json` output. */
export function maskLiterals<T>(value: T): T {
  if (typeof value === "string") return (value.startsWith("dangerousLiteral:") ? `dangerousLiteral:${maskSecret(value.slice(17))}` : value) as T;
  if (Array.isArray(value)) return value.map(maskLiterals) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskLiterals(v)])) as T;
  }
  return value;
}
