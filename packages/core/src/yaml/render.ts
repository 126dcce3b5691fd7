import { stringify } from "yaml";
import type { BlockStyle } from "./locate.js";

function yamlLines(value: unknown, style: BlockStyle): string[] {
  const text = stringify(value, { indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0, minContentWidth: 0 });
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Renders integration blocks as the lines of a block list, each `-` at `dashColumn`, nested
 * collections per `style`, every line ending in `eol`. Strings that YAML would read as something
 * else (`"0"`, `"true"`, `"Bearer "`) are quoted; long values are never folded.
 */
export function renderItems(items: readonly unknown[], dashColumn: number, style: BlockStyle, eol: string): string {
  const pad = " ".repeat(dashColumn);
  return yamlLines(items, style).map((line) => `${pad}${line}${eol}`).join("");
}

/**
 * Renders one `key: value` pair of a block mapping whose keys stand in `keyColumn`. The first line is
 * not indented (it replaces text that starts at the key); the others are.
 */
export function renderPair(key: string, value: unknown, keyColumn: number, style: BlockStyle, eol: string): string {
  const pad = " ".repeat(keyColumn);
  return yamlLines({ [key]: value }, style).map((line, i) => `${i === 0 ? "" : pad}${line}${eol}`).join("");
}
