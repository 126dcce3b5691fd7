import { isDeepStrictEqual } from "node:util";
import { ConfigError } from "../errors.js";
import { appendToText, newConfigText, rewriteList } from "../yaml/append.js";
import { removeItemText, updateItemText } from "../yaml/edit-item.js";
import { assertWalkable } from "../format/shared-values.js";
import { lostAnchorError } from "../yaml/anchors.js";
import { locateIntegrations } from "../yaml/locate.js";
import { parseConfig, type ParsedConfig } from "../yaml/parse.js";
import type { ConfigSource } from "../yaml/source.js";
import { problemsOutside } from "./file-problems.js";
import { readBackError, type ConfigView, type Operation, type Outcome } from "./view.js";

/**
 * A view over the whole parsed file (`parsed` undefined for a file that does not exist yet): every
 * edit re-parses the whole new text and compares the whole list. Correct for any file, but its cost
 * grows with the whole file, so large files in the simple subset go through the ranged view.
 *
 * @throws nothing itself; `apply` throws ConfigError (see ConfigView).
 */
export function fullView(source: ConfigSource, parsed: ParsedConfig | undefined, file: string): ConfigView {
  if (parsed) {
    assertWalkable(parsed.data, file);
    // Every edit needs the list's lines: a file without a usable list is refused now, saying why, before an update or delete would report its block missing.
    locateIntegrations(parsed.tokens, parsed.text, file);
  }
  const list = integrationList(parsed);
  return {
    source,
    exists: parsed !== undefined,
    names: list.map((item) => item?.name),
    item: (index) => list[index]!,
    fileProblems: (changed) => (parsed ? problemsOutside(parsed.data, changed, parsed.text.length) : []),
    apply(operation) {
      const { after, expected, changed } = compute(operation);
      let reread: ParsedConfig;
      try {
        reread = parseConfig(after, file);
      } catch (error) {
        throw (parsed && operation.kind !== "append" && lostAnchorError(parsed.text, after, file, describe(operation, list))) || error;
      }
      const read = integrationList(reread);
      if (!isDeepStrictEqual(read, expected)) throw new ConfigError(readBackError(file));
      const outcome: Outcome = { after, names: read.map((item) => item?.name) };
      if (changed === undefined) return outcome;
      // Every edit leaves a block list (a flow or empty one is rewritten as one), so the item has lines.
      const location = locateIntegrations(reread.tokens, after, file);
      const item = location.kind === "block" ? location.items[changed] : undefined;
      if (!item) throw new ConfigError(readBackError(file));
      return { ...outcome, changed: { index: changed, block: read[changed]!, start: item.start, end: item.end } };
    },
  };

  function compute(operation: Operation): { after: string; expected: unknown[]; changed?: number } {
    if (operation.kind === "append") {
      const after = parsed ? appendToText(parsed, source, operation.block, file) : newConfigText(operation.block);
      return { after, expected: [...list, operation.block], changed: list.length };
    }
    if (!parsed) throw new ConfigError(`internal error: ${file} has no integration to change`);
    const { index } = operation;
    const expected = operation.kind === "remove" ? list.filter((_, i) => i !== index) : list.map((item, i) => (i === index ? operation.expected : item));
    const changed = operation.kind === "remove" ? undefined : index;
    const location = locateIntegrations(parsed.tokens, parsed.text, file);
    if (location.kind !== "block") return { after: rewriteList(parsed, source, expected, file), expected, ...(changed === undefined ? {} : { changed }) };
    if (operation.kind === "remove") return { after: removeItemText(parsed.text, location.items, index, location.colonEnd), expected };
    const context = { item: location.items[index]!, dashColumn: location.dashColumn, style: location.style, eol: source.eol };
    return { after: updateItemText(parsed.text, context, operation.current, operation.target, operation.replace), expected, changed: index };
  }
}

/** `deleting slack`, `updating slack`: an operation as a message names it. */
function describe(operation: Exclude<Operation, { kind: "append" }>, list: readonly Record<string, unknown>[]): string {
  return `${operation.kind === "remove" ? "deleting" : "updating"} ${String(list[operation.index]?.name ?? `item ${operation.index + 1}`)}`;
}

/** The `integrations` list of a parsed file (empty when absent or not a list). */
export function integrationList(parsed: Pick<ParsedConfig, "data"> | undefined): Record<string, unknown>[] {
  const list = (parsed?.data as { integrations?: unknown } | null)?.integrations;
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}
