import type { ConfigSource } from "./source.js";
import type { ParsedConfig } from "./parse.js";
import { locateIntegrations } from "./locate.js";
import { renderItems } from "./render.js";
import type { BlockStyle } from "./style.js";
import { ConfigError } from "../errors.js";

const NEW_FILE_STYLE: BlockStyle = { indent: 2, indentSeq: true, align: false };

/**
 * Returns the text of `parsed` with `block` appended to its `integrations` list. Only the added lines
 * are new; every other byte stays, except that an empty or flow-style list (`integrations: []`,
 * `integrations:`, `[{…}]`) is rewritten as a block list. New lines use `source.eol`.
 *
 * @throws ConfigError when the file's top level or its `integrations` value has the wrong shape.
 */
export function appendToText(parsed: ParsedConfig, source: ConfigSource, block: unknown, file: string): string {
  const { text } = parsed;
  const eol = source.eol;
  const location = locateIntegrations(parsed.tokens, text, file);
  switch (location.kind) {
    case "block":
      return insert(text, location.insertAt, renderItems([block], location.dashColumn, location.style, eol), eol);
    default:
      return rewriteList(parsed, source, [...existingItems(parsed.data), block], file);
  }
}

/**
 * Returns the text of `parsed` with its empty, flow-style or missing `integrations` list written as a
 * block list holding `items` (the one exception of docs/design.md "Editing `config.yaml`" to "only the block's own lines change").
 *
 * @throws ConfigError when the list is already a block list (edit its items instead) or has the wrong shape.
 */
export function rewriteList(parsed: ParsedConfig, source: ConfigSource, items: readonly unknown[], file: string): string {
  const { text } = parsed;
  const eol = source.eol;
  const location = locateIntegrations(parsed.tokens, text, file);
  if (location.kind === "missing") {
    return insert(text, location.insertAt, `integrations:${items.length ? `${eol}${renderItems(items, 2, NEW_FILE_STYLE, eol)}` : ` []${eol}`}`, eol);
  }
  if (location.kind !== "rewrite") throw new ConfigError(`internal error: ${file}'s integrations list is not empty or flow-style`);
  const lines = items.length ? renderItems(items, location.dashColumn, NEW_FILE_STYLE, eol) : "";
  const kept = text.slice(0, location.removeFrom) + (items.length ? "" : " []") + text.slice(location.removeTo, location.insertAt);
  return insert(kept, kept.length, lines, eol) + text.slice(location.insertAt);
}

/** The text of a new config file holding `block`. */
export function newConfigText(block: unknown): string {
  return `integrations:\n${renderItems([block], 2, NEW_FILE_STYLE, "\n")}`;
}

/** `text` with `lines` inserted at the line start `at`, after a line break when `at` ends an unterminated last line. */
export function insert(text: string, at: number, lines: string, eol: string): string {
  const needsBreak = at > 0 && text[at - 1] !== "\n";
  return text.slice(0, at) + (needsBreak ? eol : "") + lines + text.slice(at);
}

function existingItems(data: unknown): unknown[] {
  const list = (data as { integrations?: unknown } | null)?.integrations;
  return Array.isArray(list) ? list : [];
}
