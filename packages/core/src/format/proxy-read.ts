/**
 * A config file's data as the proxy's decoder reads it. The proxy decodes config.yaml with yaml.v3
 * into typed Go structs (KnownFields on), and each auth entry's `params` with encoding/json. Both are
 * lenient in ways the strict schema is not: a float in an int field is truncated, `yes`/`on`/`y` in a
 * bool field is true, a number in a string field is its text, an empty (null) value is the field's
 * zero value, a lone `-` in a list is skipped, and a param's key matches ignoring case.
 * `readAsProxy` applies those readings and returns a note for each, so that the strict rules then
 * judge what the proxy will actually run, and the notes become warnings saying what it does.
 */
import { authTypesFor, type AuthDirection } from "./auth-types.js";
import type { ValidationIssue } from "./validate.js";

/** The proxy's reading of some data, and where each value was read differently from how it is written. */
export interface ProxyReading {
  /** The data as the proxy reads it (the input is not changed). */
  data: unknown;
  /** One note per value read differently; paths are the input's. */
  notes: ValidationIssue[];
  /** A path into `data` mapped back to the input (items the proxy skips shift the indexes). */
  originalPath(path: readonly PropertyKey[]): PropertyKey[];
}

/** The written text of the scalar at a path (`5`, `1.50`), for a string field that yaml.v3 fills with it. */
export type ScalarText = (path: readonly PropertyKey[]) => string | undefined;

type Kind = "string" | "int" | "bool";
const FIELDS: Record<string, Kind> = {
  name: "string",
  destination: "string",
  rate_limit_window: "string",
  rate_limit_strategy: "string",
  idle_conn_timeout: "string",
  tls_handshake_timeout: "string",
  response_header_timeout: "string",
  in_rate_limit: "int",
  out_rate_limit: "int",
  max_idle_conns: "int",
  max_idle_conns_per_host: "int",
  tls_insecure_skip_verify: "bool",
  disable_keep_alives: "bool",
};

/** What the proxy reads an optional field as when it is empty (null, or `""` for a string). */
const EMPTY_MEANS: Record<string, string> = {
  rate_limit_window: "1m",
  rate_limit_strategy: "fixed_window",
  idle_conn_timeout: "its default, 90s",
  tls_handshake_timeout: "its default, 10s",
  response_header_timeout: "no timeout",
  in_rate_limit: "0, no limit",
  out_rate_limit: "0, no limit",
  max_idle_conns: "its default",
  max_idle_conns_per_host: "its default",
  tls_insecure_skip_verify: "false",
  disable_keep_alives: "false",
};

/** yaml.v3's YAML 1.1 booleans, accepted only when decoding into a bool field (decode.go). */
const YAML11_TRUE = new Set(["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"]);
const YAML11_FALSE = new Set(["n", "N", "no", "No", "NO", "off", "Off", "OFF"]);

const isMap = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** A map copied on its first change, so that the many blocks the proxy reads as written cost no copy. */
interface Writable {
  get(): Record<string, unknown>;
  set(): Record<string, unknown>;
}
function writable(input: Record<string, unknown>): Writable {
  let copy: Record<string, unknown> | undefined;
  return { get: () => copy ?? input, set: () => (copy ??= { ...input }) };
}

/**
 * Reads parsed config data as the proxy does (see the module comment). Values the proxy refuses are
 * left as they are, for the strict rules to report.
 *
 * @param scalarText the written text of a scalar, when known; else a number's JavaScript spelling is used.
 * @example readAsProxy({ integrations: [{ name: "a", destination: "https://a.example.com", in_rate_limit: 1.5 }] }).notes
 * // [{ path: ["integrations", 0, "in_rate_limit"], message: "1.5 is read as 1 (the proxy drops the fraction); write 1" }]
 */
export function readAsProxy(input: unknown, scalarText: ScalarText = () => undefined): ProxyReading {
  const notes: ValidationIssue[] = [];
  const itemIndex: number[] = [];
  const authIndex = new Map<number, Partial<Record<string, number[]>>>();
  const note = (path: PropertyKey[], message: string) => notes.push({ path, message });

  const readField = (item: Writable, key: string, kind: Kind, base: PropertyKey[]) => {
    const value = item.get()[key];
    const path = () => [...base, key];
    const empty = EMPTY_MEANS[key];
    if (value === null || (kind === "string" && value === "" && empty)) {
      delete item.set()[key];
      if (empty) note(path(), `is empty, which the proxy reads as ${empty}; write a value or remove the key`);
    } else if (kind === "string" && (typeof value === "number" || typeof value === "boolean")) {
      const text = scalarText(path()) ?? String(value);
      item.set()[key] = text;
      note(path(), `${text} is read as the string ${JSON.stringify(text)}; quote it to say so`);
    } else if (kind === "int" && typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value) && Math.abs(value) < 2 ** 63) {
      const whole = Math.trunc(value) + 0; // + 0: no -0
      item.set()[key] = whole;
      note(path(), `${value} is read as ${whole} (the proxy drops the fraction); write ${whole}`);
    } else if (kind === "bool" && typeof value === "string" && (YAML11_TRUE.has(value) || YAML11_FALSE.has(value))) {
      const bool = YAML11_TRUE.has(value);
      item.set()[key] = bool;
      note(path(), `\`${value}\` is read as ${bool}; write ${bool}`);
    }
  };

  /** The list as the proxy reads it (the same array when nothing changes), and each kept entry's index in it. */
  const readAuth = (list: unknown[], direction: AuthDirection, path: PropertyKey[]): { list: unknown[]; index: number[] } => {
    const index: number[] = [];
    const out: unknown[] = [];
    list.forEach((entry, i) => {
      if (entry === null) return void note([...path, i], "is an empty entry (a lone -), which the proxy skips; remove it");
      index.push(i);
      out.push(isMap(entry) ? readEntry(entry, direction, [...path, i]) : entry);
    });
    return { list: out.length === list.length && out.every((entry, i) => entry === list[i]) ? list : out, index };
  };

  const readEntry = (input: Record<string, unknown>, direction: AuthDirection, path: PropertyKey[]) => {
    const rules = typeof input.type === "string" && Object.hasOwn(authTypesFor(direction), input.type) ? authTypesFor(direction)[input.type] : undefined;
    if (!rules) return input;
    if (input.params === null || input.params === undefined) {
      // The proxy decodes a missing params as none: fine for a type that needs none, else "missing param".
      if (Object.values(rules).some((rule) => rule.required)) return input;
      note([...path, "params"], "is missing or empty, which the proxy reads as {}; write params: {}");
      return { ...input, params: {} };
    }
    if (!isMap(input.params)) return input;
    const given = input.params;
    let changed = false;
    const params: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(given)) {
      const known = Object.hasOwn(rules, key) ? key : Object.keys(rules).find((name) => name.toLowerCase() === key.toLowerCase());
      const at = () => [...path, "params", key];
      const renamed = known !== undefined && known !== key && !Object.hasOwn(given, known);
      if (renamed) note(at(), `is read as ${known} (the proxy matches param names ignoring case); write ${known}`);
      if (value === null && known !== undefined) note(at(), "is empty, which the proxy reads as absent; write a value or remove the key");
      else params[renamed ? known : key] = value;
      changed ||= renamed || (value === null && known !== undefined);
    }
    return changed ? { ...input, params } : input;
  };

  const readItem = (input: Record<string, unknown>, index: number, path: PropertyKey[]) => {
    const item = writable(input);
    for (const key in FIELDS) if (Object.hasOwn(input, key)) readField(item, key, FIELDS[key]!, path);
    const maps: Partial<Record<string, number[]>> = {};
    for (const direction of ["incoming", "outgoing"] as const) {
      const key = `${direction}_auth`;
      const list = input[key];
      if (list === null) {
        delete item.set()[key];
        note([...path, key], `is empty, which the proxy reads as no ${key} entries; list entries or remove the key`);
      } else if (Array.isArray(list)) {
        const read = readAuth(list, direction, [...path, key]);
        if (read.list !== list) item.set()[key] = read.list;
        maps[key] = read.index;
      }
    }
    authIndex.set(index, maps);
    return item.get();
  };

  let data: unknown = input;
  if (input === null || input === undefined) data = { integrations: [] };
  else if (isMap(input)) {
    const config: Record<string, unknown> = { ...input };
    if (config.integrations === null || config.integrations === undefined) config.integrations = [];
    else if (Array.isArray(config.integrations)) {
      const list: unknown[] = [];
      config.integrations.forEach((item, i) => {
        if (item === null) return void note(["integrations", i], "is an empty item (a lone -), which the proxy skips; remove it");
        itemIndex.push(i);
        list.push(isMap(item) ? readItem(item, list.length, ["integrations", i]) : item);
      });
      config.integrations = list;
    }
    data = config;
  }

  const originalPath = (path: readonly PropertyKey[]): PropertyKey[] => {
    const out = [...path];
    if (out[0] !== "integrations" || typeof out[1] !== "number") return out;
    const at = out[1];
    out[1] = itemIndex[at] ?? at;
    const key = out[2];
    const map = typeof key === "string" ? authIndex.get(at)?.[key] : undefined;
    if (map && typeof out[3] === "number") out[3] = map[out[3]] ?? out[3];
    return out;
  };
  return { data, notes, originalPath };
}
