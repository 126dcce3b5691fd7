import { isDeepStrictEqual } from "node:util";
import { ConfigError } from "../errors.js";
import { readConfigBytes, requireParentDirectory, writeConfigBytes } from "../file/io.js";
import { withFileLock } from "../file/lock.js";
import { validateIntegration } from "../validate.js";
import { parseConfig, type ParsedConfig } from "../yaml/parse.js";
import { decodeConfig, encodeConfig, newConfigSource, type ConfigSource } from "../yaml/source.js";

/** What an edit did (or, with `dryRun`, would do). */
export interface EditResult {
  /** The file's text before (`undefined` when it did not exist), without a byte-order mark. */
  before: string | undefined;
  /** The file's text after. */
  after: string;
  /** Whether the file was (or would be) written. */
  written: boolean;
  /** The added or changed block as it reads back from the new text (hand-added keys included); none for a delete. */
  block?: Record<string, unknown>;
}

/** Options for an edit. */
export interface EditOptions {
  /** Compute the result without writing (and without taking the lock). */
  dryRun?: boolean;
  /** Accept `dangerousLiteral:` secret references in the block. */
  allowDangerousLiteral?: boolean;
}

/** The file as an edit sees it. */
export interface Current {
  source: ConfigSource;
  /** Undefined when the file does not exist yet. */
  parsed: ParsedConfig | undefined;
  /** The `integrations` list as read (merge keys applied); empty for a new or empty file. */
  list: Record<string, unknown>[];
}

/** What an edit computes from the current file. */
export interface Change {
  /** The new text. */
  after: string;
  /** The `integrations` list the new text must read back as. */
  expected: unknown[];
  /** The index in `expected` of the block that was added or changed, to validate it; none for a delete. */
  changed?: number;
}

/**
 * The frame every edit runs in: checks the directory, takes the lock (unless `dryRun`), reads and
 * parses the file, lets `compute` produce the new text, then proves the new text before writing it
 * atomically: it must parse, read back as exactly the expected list (so nothing else moved), hold a
 * valid changed block, and have unique names.
 *
 * @throws ConfigError or FileError; on any error the file is left as it was.
 */
export async function editConfig(file: string, options: EditOptions, compute: (current: Current) => Change): Promise<EditResult> {
  const run = async (): Promise<EditResult> => {
    const bytes = await readConfigBytes(file);
    const source = bytes ? decodeConfig(bytes, file) : newConfigSource();
    const parsed = bytes ? parseConfig(source.text, file) : undefined;
    const change = compute({ source, parsed, list: integrationList(parsed) });
    const block = verify(change, file, options);
    if (!options.dryRun) await writeConfigBytes(file, encodeConfig(source, change.after));
    return { before: parsed ? source.text : undefined, after: change.after, written: !options.dryRun, ...(block ? { block } : {}) };
  };
  await requireParentDirectory(file);
  return options.dryRun ? run() : withFileLock(file, run);
}

/** The `integrations` list of a parsed file (empty when absent or not a list). */
export function integrationList(parsed: ParsedConfig | undefined): Record<string, unknown>[] {
  const list = (parsed?.data as { integrations?: unknown } | null)?.integrations;
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
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

/** Proves the new text (see `editConfig`) and returns the changed block as it reads back. */
function verify(change: Change, file: string, options: EditOptions): Record<string, unknown> | undefined {
  const list = integrationList(parseConfig(change.after, file));
  if (!isDeepStrictEqual(list, change.expected)) {
    throw new ConfigError(`internal error: the edited ${file} did not read back as expected; nothing was written`);
  }
  if (change.changed !== undefined) {
    const path = `integrations[${change.changed}]`;
    const { errors } = validateIntegration(list[change.changed], { path, allowDangerousLiteral: options.allowDangerousLiteral ?? false });
    if (errors.length > 0) throw new ConfigError(`the block would not be valid: ${errors.join("; ")}`, errors);
  }
  if (change.changed !== undefined) {
    // Only the changed block's name is this edit's business: a duplicate elsewhere is `validate`'s to report.
    const name = String(list[change.changed]?.name ?? "").toLowerCase();
    const clash = list.findIndex((item, i) => i !== change.changed && String(item?.name ?? "").toLowerCase() === name);
    if (clash !== -1) throw new ConfigError(`${file} already has an integration named ${String(list[clash]!.name)} (integrations[${clash}]); nothing was written`);
  }
  return change.changed === undefined ? undefined : list[change.changed];
}
