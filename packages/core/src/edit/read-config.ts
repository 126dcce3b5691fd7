import { RANGED_MIN_CHARS } from "./frame.js";
import { FileError, inConfigFile } from "../errors.js";
import { readConfigBytes } from "../file/io.js";
import { requireNodeBudget } from "../yaml/node-count.js";
import { parseConfig } from "../yaml/parse.js";
import { readByItems, type ConfigRead } from "../yaml/read-items.js";
import { scanIntegrations } from "../yaml/scan.js";
import { decodeConfig } from "../yaml/source.js";

export type { ConfigRead } from "../yaml/read-items.js";

/**
 * Reads and parses an existing config file, for commands that only look (`validate`, `list --configured`).
 * A large file in the plain block style tools write is read a group of items at a time; any other
 * file is parsed whole, once, and refused beforehand when it has more than MAX_YAML_NODES nodes.
 *
 * @throws FileError when the file does not exist (naming the command that creates it), is larger
 *   than `MAX_CONFIG_BYTES` (refused before it is read) or cannot be read; ConfigError when it is not
 *   valid UTF-8, not well-formed YAML, or has too many nodes to be parsed whole; the errors name `file` as given.
 */
export function readConfig(file: string): ConfigRead {
  return inConfigFile(file, () => {
    const bytes = readConfigBytes(file);
    if (!bytes) throw new FileError(`${file} does not exist; create it with: integrations <integration> -file ${file} …`);
    const { text } = decodeConfig(bytes);
    const scan = text.length >= RANGED_MIN_CHARS ? scanIntegrations(text, { data: true }) : undefined;
    if (scan) return readByItems(text, scan);
    requireNodeBudget(text);
    return parseConfig(text);
  });
}
