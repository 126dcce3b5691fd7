import type { ConfigSource } from "./source.js";
import type { ParsedConfig } from "./parse.js";
import { locateIntegrations } from "./locate.js";
import { renderItems } from "./render.js";

const NEW_FILE_STYLE = { indent: 2, indentSeq: true };

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
    case "rewrite": {
      const existing = existingItems(parsed.data);
      const lines = renderItems([...existing, block], location.dashColumn, NEW_FILE_STYLE, eol);
      const kept = text.slice(0, location.removeFrom) + text.slice(location.removeTo, location.insertAt);
      return insert(kept, kept.length, lines, eol) + text.slice(location.insertAt);
    }
    case "missing":
      return insert(text, location.insertAt, `integrations:${eol}${renderItems([block], 2, NEW_FILE_STYLE, eol)}`, eol);
  }
}

/** The text of a new config file holding `block`. */
export function newConfigText(block: unknown): string {
  return `integrations:\n${renderItems([block], 2, NEW_FILE_STYLE, "\n")}`;
}

function insert(text: string, at: number, lines: string, eol: string): string {
  const needsBreak = at > 0 && text[at - 1] !== "\n";
  return text.slice(0, at) + (needsBreak ? eol : "") + lines + text.slice(at);
}

function existingItems(data: unknown): unknown[] {
  const list = (data as { integrations?: unknown } | null)?.integrations;
  return Array.isArray(list) ? list : [];
}
