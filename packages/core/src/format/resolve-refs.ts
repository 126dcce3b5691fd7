/**
 * Whether a config file's `env:` and `file:` secret references resolve here, as the proxy's `env`
 * and `file` secret plugins resolve them: an environment variable that is set, a file that can be
 * read (`file:PATH` is the whole file, trimmed; `file:PATH:KEY` is the value of a `KEY=value` line).
 * Only names and paths are ever put in a message, never a value.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { authTypesFor, type AuthDirection } from "./auth-types.js";
import type { ValidationIssue } from "./validate.js";

/** Where to resolve references: the environment and the directory relative `file:` paths start from. */
export interface ResolveContext {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/**
 * Auth entries whose secret references the proxy loads while starting (it refuses to start when one
 * fails); every other reference is loaded on a request that needs it (that request fails).
 */
const LOADED_AT_START: Record<AuthDirection, readonly string[]> = { incoming: [], outgoing: ["mtls"] };

/** The proxy's `splitPathAndKey`: the text after the last `:` is a key unless empty or holding a slash. */
function splitPathAndKey(id: string): [path: string, key: string] {
  const at = id.lastIndexOf(":");
  if (at === -1 || at + 1 >= id.length) return [id, ""];
  const suffix = id.slice(at + 1);
  return /[/\\]/.test(suffix) ? [id, ""] : [id.slice(0, at), suffix];
}

/** Why one reference does not resolve here, or undefined (also for schemes resolved elsewhere: vault, k8s, …). */
export function unresolvedReason(ref: string, context: ResolveContext): string | undefined {
  if (ref.startsWith("env:")) {
    const value = context.env[ref.slice(4)];
    if (value === undefined) return "is not set here";
    return value === "" ? "is set but empty here" : undefined;
  }
  if (!ref.startsWith("file:")) return undefined;
  const [path, key] = splitPathAndKey(ref.slice(5));
  let text: string;
  try {
    text = readFileSync(resolve(context.cwd, path), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? `does not resolve here: ${path} does not exist` : `does not resolve here: ${path} cannot be read (${code ?? "error"})`;
  }
  if (key === "") return text.trim() === "" ? `does not resolve here: ${path} is empty` : undefined;
  const found = text.split(/\r?\n/).some((line) => {
    const trimmed = line.trim();
    const eq = trimmed.indexOf("=");
    return !trimmed.startsWith("#") && eq !== -1 && trimmed.slice(0, eq).trim() === key;
  });
  return found ? undefined : `does not resolve here: ${path} has no ${key}= line`;
}

/** The references in one auth entry's params, each with its path below `params`. */
function referencesIn(params: Record<string, unknown>, rules: Record<string, { kind: string }>): [ref: string, path: PropertyKey[]][] {
  return Object.entries(params).flatMap(([key, value]): [string, PropertyKey[]][] => {
    const kind = rules[key]?.kind;
    if (kind === "secret" && typeof value === "string") return [[value, [key]]];
    if (kind !== "secret[]" || !Array.isArray(value)) return [];
    return value.flatMap((ref, i): [string, PropertyKey[]][] => (typeof ref === "string" ? [[ref, [key, i]]] : []));
  });
}

/**
 * Every `env:`/`file:` secret reference in `data`'s auth params that does not resolve in `context`,
 * with its path and when the proxy would notice (at start-up, or on the first request).
 *
 * @example unresolvedReferences(config, { env: {}, cwd: "/srv" })
 * // [{ path: ["integrations", 0, "outgoing_auth", 0, "params", "cert"], message: "env:CERT is not set here: the proxy loads it at start-up and refuses to start" }]
 */
export function unresolvedReferences(data: unknown, context: ResolveContext): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const list = (data as { integrations?: unknown } | null)?.integrations;
  if (!Array.isArray(list)) return issues;
  list.forEach((item: unknown, index) => {
    for (const direction of ["incoming", "outgoing"] as const) {
      const key = `${direction}_auth`;
      const entries = (item as Record<string, unknown> | null)?.[key];
      if (!Array.isArray(entries)) continue;
      entries.forEach((entry: unknown, at) => {
        const { type, params } = (entry ?? {}) as { type?: unknown; params?: unknown };
        const rules = typeof type === "string" && Object.hasOwn(authTypesFor(direction), type) ? authTypesFor(direction)[type] : undefined;
        if (!rules || params === null || typeof params !== "object") return;
        const when = LOADED_AT_START[direction].includes(type as string)
          ? "the proxy loads it at start-up and refuses to start"
          : "the proxy loads it on the first request that needs it, and that request fails";
        for (const [ref, tail] of referencesIn(params as Record<string, unknown>, rules)) {
          const reason = unresolvedReason(ref, context);
          if (reason) issues.push({ path: ["integrations", index, key, at, "params", ...tail], message: `${ref} ${reason}: ${when}` });
        }
      });
    }
  });
  return issues;
}
