import { isDeepStrictEqual } from "node:util";
import { ConfigError } from "./errors.js";
import { readConfigBytes, requireParentDirectory, writeConfigBytes } from "./file/io.js";
import { withFileLock } from "./file/lock.js";
import type { Integration } from "./schema.js";
import { validateIntegration } from "./validate.js";
import { appendToText, newConfigText } from "./yaml/append.js";
import { parseConfig, type ParsedConfig } from "./yaml/parse.js";
import { decodeConfig, encodeConfig, newConfigSource } from "./yaml/source.js";

/** What an edit did (or, with `dryRun`, would do). */
export interface EditResult {
  /** The file's text before (`undefined` when it did not exist), without a byte-order mark. */
  before: string | undefined;
  /** The file's text after. */
  after: string;
  /** Whether the file was (or would be) written. */
  written: boolean;
}

/** Options for an edit. */
export interface EditOptions {
  /** Compute the result without writing (and without taking the lock). */
  dryRun?: boolean;
  /** Accept `dangerousLiteral:` secret references in the block. */
  allowDangerousLiteral?: boolean;
}

/**
 * Appends a validated block to a config file's `integrations` list, creating the file when missing.
 * Only the block's own lines are added; every other byte stays (DESIGN.md §5). The result is parsed
 * again and checked before it is written atomically under a lock.
 *
 * @throws ConfigError when the file is malformed, already has an integration of that name
 *   (case-insensitive), or has the wrong shape; FileError when it cannot be read or written.
 *   On any error the file is left as it was.
 */
export async function addIntegration(file: string, block: Integration, options: EditOptions = {}): Promise<EditResult> {
  const run = async (): Promise<EditResult> => {
    const bytes = await readConfigBytes(file);
    const source = bytes ? decodeConfig(bytes, file) : newConfigSource();
    const parsed = bytes ? parseConfig(source.text, file) : undefined;
    const existing = parsed ? integrationNames(parsed) : [];
    const name = block.name.toLowerCase();
    if (existing.some((other) => other.toLowerCase() === name)) {
      throw new ConfigError(
        `integration ${name} already exists in ${file}; use "integrations update" to change it, or --name to add another`,
      );
    }
    const after = parsed ? appendToText(parsed, source, block, file) : newConfigText(block);
    verifyAppended(after, file, block, existing.length, options);
    if (!options.dryRun) await writeConfigBytes(file, encodeConfig(source, after));
    return { before: parsed ? source.text : undefined, after, written: !options.dryRun };
  };
  await requireParentDirectory(file);
  return options.dryRun ? run() : withFileLock(file, run);
}

/** The `name` of each integration in a parsed file, in file order (non-strings skipped). */
export function integrationNames(parsed: ParsedConfig): string[] {
  const list = (parsed.data as { integrations?: unknown } | null)?.integrations;
  if (!Array.isArray(list)) return [];
  return list.map((item) => (item as { name?: unknown } | null)?.name).filter((n): n is string => typeof n === "string");
}

/** The safety net: the new text must parse, hold the old items plus exactly `block`, and `block` must validate. */
function verifyAppended(text: string, file: string, block: Integration, countBefore: number, options: EditOptions): void {
  const list = (parseConfig(text, file).data as { integrations?: unknown[] } | null)?.integrations;
  const added = Array.isArray(list) ? list[list.length - 1] : undefined;
  if (!Array.isArray(list) || !isDeepStrictEqual(added, block) || list.length < countBefore + 1) {
    throw new ConfigError(`internal error: the edited ${file} did not read back as expected; nothing was written`);
  }
  const { errors } = validateIntegration(added, { path: `integrations[${list.length - 1}]`, ...options });
  if (errors.length > 0) throw new ConfigError(`the new block is not valid: ${errors.join("; ")}`, errors);
}
