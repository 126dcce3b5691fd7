import { ConfigError } from "../errors.js";

/** A config file's text as the editor works on it, and what must be restored when writing it back. */
export interface ConfigSource {
  /** The text without a leading byte-order mark. Offsets in the editor refer to this text. */
  text: string;
  /** Whether the file started with a UTF-8 byte-order mark (kept when writing). */
  bom: boolean;
  /** The file's line ending, from its first line break (`\n` for a new or single-line file). */
  eol: "\n" | "\r\n";
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decodes a config file's bytes. `file` is the path for messages.
 *
 * @throws ConfigError when the bytes are not valid UTF-8 (YAML files must be).
 */
export function decodeConfig(bytes: Uint8Array, file: string): ConfigSource {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new ConfigError(`${file} is not valid UTF-8 text; save it as UTF-8 and run again`);
  }
  const bom = text.startsWith("\uFEFF");
  if (bom) text = text.slice(1);
  const firstBreak = text.indexOf("\n");
  const eol = firstBreak > 0 && text[firstBreak - 1] === "\r" ? "\r\n" : "\n";
  return { text, bom, eol };
}

/** The bytes to write for `text` edited from `source`: the byte-order mark restored when it had one. */
export function encodeConfig(source: Pick<ConfigSource, "bom">, text: string): Buffer {
  return Buffer.from(source.bom ? `\uFEFF${text}` : text, "utf8");
}

/** A new, empty source for a file that does not exist yet. */
export function newConfigSource(): ConfigSource {
  return { text: "", bom: false, eol: "\n" };
}
