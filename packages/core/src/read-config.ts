import { FileError } from "./errors.js";
import { readConfigBytes } from "./file/io.js";
import { parseConfig, type ParsedConfig } from "./yaml/parse.js";
import { decodeConfig } from "./yaml/source.js";

/**
 * Reads and parses an existing config file, for commands that only look (`validate`, `list --configured`).
 *
 * @throws FileError when the file does not exist (naming the command that creates it), is larger
 *   than `MAX_CONFIG_BYTES` (refused before it is read) or cannot be read; ConfigError when it is not
 *   valid UTF-8 or not well-formed YAML.
 */
export async function readConfig(file: string): Promise<ParsedConfig> {
  const bytes = await readConfigBytes(file);
  if (!bytes) throw new FileError(`${file} does not exist; create it with: integrations <integration> -file ${file} …`);
  return parseConfig(decodeConfig(bytes, file).text, file);
}
