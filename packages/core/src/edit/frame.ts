import { isDeepStrictEqual } from "node:util";
import { ConfigError, inConfigFile } from "../errors.js";
import { readConfigBytes, writeConfigBytes } from "../file/io.js";
import { withFileLock } from "../file/lock.js";
import { resolveConfigTarget, type ConfigTarget } from "../file/target.js";
import { validateIntegration } from "../format/validate.js";
import { requireNodeBudget } from "../yaml/node-count.js";
import { parseConfig } from "../yaml/parse.js";
import { scanIntegrations } from "../yaml/scan.js";
import { decodeConfig, encodeConfig, newConfigSource, type ConfigSource } from "../yaml/source.js";
import { fullView } from "./full-view.js";
import { lineSpan, type LineSpan } from "./lines.js";
import { rangedView } from "./ranged-view.js";
import type { ConfigView, Operation } from "./view.js";

export { integrationList } from "./full-view.js";

/** What an edit did (or, with `dryRun`, would do). */
export interface EditResult {
  /** The file's text before (`undefined` when it did not exist), without a byte-order mark. */
  before: string | undefined;
  /** The file's text after. */
  after: string;
  /** Whether the file was (or would be) written: false with `dryRun`, and when nothing changes. */
  written: boolean;
  /**
   * True when the edit changes nothing (an update to the values the block already holds): then the
   * file is not written at all (its bytes, times and inode stay) and `after` is `before`.
   */
  unchanged: boolean;
  /** The block's name as written in the file (a delete's name matches case-insensitively). */
  name: string;
  /** The added or changed block as it reads back from the new text (hand-added keys included); none for a delete. */
  block?: Record<string, unknown>;
  /** The added or changed block's lines in `after`; none for a delete. */
  lines?: LineSpan;
  /** What makes the proxy refuse the new text outside the changed block, as far as the edit's single parse saw. */
  fileProblems?: string[];
}

/** Options for an edit. */
export interface EditOptions {
  /** Compute the result without writing (and without taking the lock). */
  dryRun?: boolean;
  /** Accept `dangerousLiteral:` secret references in the block. */
  allowDangerousLiteral?: boolean;
}

/**
 * The frame every edit runs in: resolves the file once (`resolveConfigTarget`: its directory must
 * exist), takes the lock (unless `dryRun`), reads the
 * file, lets `decide` pick the change from a view of it, has the view compute and prove the new text
 * (it reads back as the old list with only that change), checks that the changed block is valid and
 * its name unique, then writes atomically. Large files in the plain style tools write are handled by
 * source ranges (only the touched items are parsed); other files are parsed whole. Errors name
 * `file` as given (`inConfigFile`).
 *
 * @throws ConfigError, InputError, FileError or InternalError; on any error the file is left as it was.
 */
export function editConfig(file: string, options: EditOptions, decide: (view: ConfigView) => Operation): Promise<EditResult> {
  return inConfigFile(file, () => edit(file, options, decide));
}

async function edit(file: string, options: EditOptions, decide: (view: ConfigView) => Operation): Promise<EditResult> {
  const run = (target: ConfigTarget): EditResult => {
    const bytes = readConfigBytes(file);
    const source = bytes ? decodeConfig(bytes) : newConfigSource();
    const view = openView(source, bytes !== undefined);
    const operation = decide(view);
    const outcome = view.apply(operation);
    const { changed } = outcome;
    if (changed) checkChanged(changed.index, changed.block, outcome.names, options);
    const fileProblems = changed ? view.fileProblems(changed.index) : [];
    const unchanged = view.exists && (outcome.after === source.text || (operation.kind === "replace" && isDeepStrictEqual(changed?.block, operation.current)));
    // Nothing to change: the file keeps its bytes, and its times and inode too (no atomic replace).
    const after = unchanged ? source.text : outcome.after;
    if (!options.dryRun && !unchanged) writeConfigBytes(target, encodeConfig(source, after));
    const name = String(operation.kind === "remove" ? view.names[operation.index] : changed?.block.name);
    const lines = changed && linesIn(after, outcome.after, changed);
    return {
      before: view.exists ? source.text : undefined,
      after,
      written: !options.dryRun && !unchanged,
      unchanged,
      name,
      ...(changed ? { block: changed.block } : {}),
      ...(lines ? { lines } : {}),
      ...(fileProblems.length > 0 ? { fileProblems } : {}),
    };
  };
  let target: ConfigTarget;
  try {
    target = resolveConfigTarget(file);
  } catch (error) {
    // No directory, so no file: an operation that needs the file (delete, update) says that; one
    // that would create it gets the directory's fix.
    decide(openView(newConfigSource(), false));
    throw error;
  }
  return options.dryRun ? run(target) : await withFileLock(target, () => run(target));
}

/**
 * The changed block's lines in `text`, the text as it now stands: `computed` itself, or (for an
 * update that changed nothing but would have respelled it) the old text, where the block stood at the
 * same place when only its own lines differ. None when the old text differs elsewhere too (a flow list).
 */
function linesIn(text: string, computed: string, changed: { start: number; end: number }): LineSpan | undefined {
  if (text === computed) return lineSpan(text, changed.start, changed.end);
  const end = changed.end - (computed.length - text.length);
  const same = text.slice(0, changed.start) === computed.slice(0, changed.start) && text.slice(end) === computed.slice(changed.end);
  return same ? lineSpan(text, changed.start, end) : undefined;
}

/**
 * From this many characters on, an edit works by source ranges when it can. Below, the whole parse
 * is cheap and also catches problems in blocks the edit does not touch.
 */
export const RANGED_MIN_CHARS = 64 * 1024;

/**
 * The view an edit works through: by source ranges for a large file that a cheap scan finds in the
 * simple subset, else the whole parse (refused beyond MAX_YAML_NODES, before it starts).
 */
function openView(source: ConfigSource, exists: boolean): ConfigView {
  if (!exists) return fullView(source, undefined);
  const scan = source.text.length >= RANGED_MIN_CHARS ? scanIntegrations(source.text) : undefined;
  if (scan) return rangedView(source, scan);
  requireNodeBudget(source.text);
  return fullView(source, parseConfig(source.text));
}

/** Finds an integration by name, case-insensitively; -1 when absent. */
export function indexOfName(list: readonly Record<string, unknown>[], name: string): number {
  const exact = list.findIndex((item) => item?.name === name);
  if (exact !== -1) return exact;
  const wanted = name.toLowerCase();
  const matches = list.flatMap((item, i) => (typeof item?.name === "string" && item.name.toLowerCase() === wanted ? [i] : []));
  if (matches.length > 1) {
    const names = matches.map((i) => list[i]!.name).join(", ");
    throw new ConfigError(`${name} matches several integrations (${names}) that differ only in case; give the exact name`);
  }
  return matches[0] ?? -1;
}

/** `indexOfName` over a view's names. */
export function indexInView(view: ConfigView, name: string): number {
  return indexOfName(
    view.names.map((n) => ({ name: n })),
    name,
  );
}

/** The changed block must be valid, and its name unique (case-insensitive) among the new text's names. */
function checkChanged(index: number, block: Record<string, unknown>, names: readonly unknown[], options: EditOptions): void {
  const path = `integrations[${index}]`;
  const { errors } = validateIntegration(block, { path, allowDangerousLiteral: options.allowDangerousLiteral ?? false });
  if (errors.length > 0) throw new ConfigError(`the block would not be valid: ${errors.join("; ")}`, errors);
  // Only the changed block's name is this edit's business: a duplicate elsewhere is `validate`'s to report.
  const name = String(names[index] ?? "").toLowerCase();
  const clash = names.findIndex((other, i) => i !== index && String(other ?? "").toLowerCase() === name);
  if (clash !== -1) throw new ConfigError((file) => `${file} already has an integration named ${String(names[clash])} (integrations[${clash}]); nothing was written`);
}
