import { stringify } from "yaml";
import type { BlockStyle } from "./locate.js";

/**
 * Renders integration blocks as the lines of a block list, each `-` at `dashColumn`, nested
 * collections per `style`, every line ending in `eol`. Strings that YAML would read as something
 * else (`"0"`, `"true"`, `"Bearer "`) are quoted; long values are never folded.
 */
export function renderItems(
  items: readonly unknown[],
  dashColumn: number,
  style: BlockStyle,
  eol: string,
): string {
  const yaml = stringify(items, { indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0, minContentWidth: 0 });
  const pad = " ".repeat(dashColumn);
  return yaml
    .split("\n")
    .filter((line, index, lines) => line !== "" || index < lines.length - 1)
    .map((line) => `${pad}${line}${eol}`)
    .join("");
}
