import type { FileMessage } from "../errors.js";
import type { ConfigSource } from "../yaml/source.js";

/** One change an edit makes to the `integrations` list. */
export type Operation =
  /** Add `block` as the last item. */
  | { kind: "append"; block: Record<string, unknown> }
  /**
   * Rewrite item `index` (read as `current`) to hold `target`, keeping hand-added keys unless
   * `replace`; `expected` is the item as it must read back afterwards.
   */
  | { kind: "replace"; index: number; current: Record<string, unknown>; target: Record<string, unknown>; replace: boolean; expected: Record<string, unknown> }
  /** Remove item `index`; the last one leaves `integrations: []`. */
  | { kind: "remove"; index: number };

/** The new text of an edit, proven to read back as intended. */
export interface Outcome {
  after: string;
  /** Every item's `name` in the new text, in order. */
  names: unknown[];
  /**
   * The added or changed item as it reads back from the new text, and its lines there: [start, end)
   * from the start of the line of its `-` to the start of the line after its last content. None for a remove.
   */
  changed?: { index: number; block: Record<string, unknown>; start: number; end: number };
}

/**
 * A config file as an edit sees it. Two kinds exist: one over the whole parsed file (small or
 * unusual files), and one over source ranges that parses only the items it touches (large files
 * in the plain style tools write; see `scanIntegrations`). Both give the same answers and texts.
 */
export interface ConfigView {
  source: ConfigSource;
  /** Whether the file exists. */
  exists: boolean;
  /** Every item's `name` as read (merge keys applied), in order; empty for a new or empty file. */
  names: readonly unknown[];
  /**
   * The item at `index` as read (merge keys applied).
   *
   * @throws ConfigError when that item's YAML is malformed.
   */
  item(index: number): Record<string, unknown>;
  /**
   * Computes the text with `operation` applied and proves it: it must read back as the old list
   * with only that change (the changed item exactly as expected, every other item the same).
   *
   * @throws ConfigError when the file has the wrong shape, or InternalError when the new text
   *   does not read back as intended.
   */
  apply(operation: Operation): Outcome;
  /** What makes the proxy refuse the file outside item `changed`, as far as this view's parse saw (see file-problems.ts). */
  fileProblems(changed: number | undefined): string[];
}

/** The error when a new text does not read back as intended (a bug, never the user's doing). */
export function readBackError(): FileMessage {
  return (file) => `the edited ${file} did not read back as expected; nothing was written`;
}
