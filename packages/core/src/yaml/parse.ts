import { Composer, isMap, isScalar, LineCounter, Parser, type CST, type Document } from "yaml";
import { ConfigError } from "../errors.js";
import { unclosedStart } from "./unclosed.js";

/** At most this many alias expansions when reading a file: a "billion laughs" file fails fast. */
export const MAX_ALIAS_COUNT = 1000;

/** How the proxy reads YAML: the core schema with `<<` merge keys, keys unique, strict. */
export const COMPOSE_OPTIONS = { merge: true, uniqueKeys: true, strict: true } as const;

/** A config file parsed once: the CST for source ranges, and the first document's data. */
export interface ParsedConfig {
  /** The text the offsets refer to (no byte-order mark). */
  text: string;
  /** The concrete syntax tree of the whole file, for range-based edits. */
  tokens: CST.Token[];
  /** The first document's data as the proxy reads it (merge keys applied), `null` when empty. */
  data: unknown;
  /** Line and column (1-based) of an offset. */
  position(offset: number): { line: number; col: number };
  /** The 1-based line of the value at a data path (`["integrations", 2, "destination"]`), or of its nearest ancestor in the file. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** The 1-based line of the map key that ends `path` (where `colour:` is written, not its value), else as `lineOf`. */
  keyLineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Parses a config file's text as the proxy does (YAML 1.2 core schema with `<<` merge keys) and
 * keeps the CST so that edits touch only their own lines.
 *
 * @throws ConfigError for malformed YAML (the message gives `file:line:column` once the caller places
 *   the file, `inConfigFile`), duplicate keys,
 *   tabs used as indentation, or an alias expansion beyond MAX_ALIAS_COUNT.
 */
export function parseConfig(text: string): ParsedConfig {
  const lines = new LineCounter();
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  const position = (offset: number) => lines.linePos(offset);
  const documents = composeTokens(tokens, text.length, position);
  const data = documentData(documents[0]);
  const lineOf = (path: readonly PropertyKey[]) => lineIn(documents[0], path, position);
  const keyLineOf = (path: readonly PropertyKey[]) => keyLineIn(documents[0], path, position) ?? lineOf(path);
  return { text, tokens, data, position, lineOf, keyLineOf };
}

/** The 1-based line of the node at `path` in `document`, or of its nearest ancestor there; `position` maps the document's offsets. */
export function lineIn(document: Document.Parsed | undefined, path: readonly PropertyKey[], position: (offset: number) => { line: number }): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document?.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return position(node.range[0]).line;
  }
  return undefined;
}

/** The 1-based line of the key that ends `path` in `document`, when `path` ends at a key written in a map there. */
export function keyLineIn(document: Document.Parsed | undefined, path: readonly PropertyKey[], position: (offset: number) => { line: number }): number | undefined {
  if (path.length === 0) return undefined;
  const map = document?.getIn(path.slice(0, -1), true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === path.at(-1));
  const range = isScalar(pair?.key) ? pair.key.range : undefined;
  return range ? position(range[0]).line : undefined;
}

/**
 * Composes CST tokens as the proxy reads them (core schema, `<<` merge keys, unique keys, strict).
 * `position` turns an offset in the tokens' text into the file's 1-based line and column, for messages.
 *
 * @throws ConfigError `file:line:col: what; fix the YAML and run again` on the first problem.
 */
export function composeTokens(tokens: readonly CST.Token[], length: number, position: (offset: number) => { line: number; col: number }): Document.Parsed[] {
  const composer = new Composer(COMPOSE_OPTIONS);
  const documents: Document.Parsed[] = [...composer.compose(tokens, true, length)];
  const problem = documents.flatMap((doc) => doc.errors)[0];
  if (problem) {
    // An unclosed bracket or quote is reported where the text ends: point at where it opens instead.
    const atEnd = problem.pos[0] >= length - 1 ? unclosedStart(tokens) : undefined;
    const { line, col } = position(atEnd ?? problem.pos[0]);
    const what = problem.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new ConfigError((file) => `${file}:${line}:${col}: ${what}; fix the YAML and run again`);
  }
  return documents;
}

/**
 * A document's data (`null` when there is none), aliases expanded at most MAX_ALIAS_COUNT times.
 * Shared nodes stay shared (and an alias inside its own anchor makes a cycle): whoever walks or prints
 * the data checks it first (`sharingIssue`).
 *
 * @throws ConfigError when the document expands aliases more often than that, or cannot be turned
 *   into data (yaml's reason, e.g. an alias whose anchor is missing).
 */
export function documentData(document: Document.Parsed | undefined): unknown {
  try {
    return document?.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? null;
  } catch (error) {
    const message = (error as Error).message.split("\n")[0]!;
    if (/alias count/i.test(message)) throw new ConfigError((file) => `${file}: ${message}; the file expands aliases too often to be read safely`);
    throw new ConfigError((file) => `${file}: ${message}; fix the YAML and run again`);
  }
}
