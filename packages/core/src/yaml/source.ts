import { ConfigError, type FileMessage } from "../errors.js";

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
 * Characters a YAML stream may not hold (YAML 1.2 `c-printable`): C0 controls other than tab, LF and
 * CR, DEL, C1 controls other than NEL, U+FFFE and U+FFFF. The proxy's parser refuses them ("control
 * characters are not allowed"); refusing them here also keeps terminal escapes out of our output.
 */
const NOT_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

/**
 * Decodes a config file's bytes. Its errors name the file once a caller places it (`inConfigFile`).
 *
 * @throws ConfigError when the bytes are not valid UTF-8 (naming the first bad byte's offset, line and
 *   column), are UTF-16, or hold a character YAML does not allow (naming its line and column).
 */
export function decodeConfig(bytes: Uint8Array): ConfigSource {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new ConfigError(notUtf8Message(bytes));
  }
  const bom = text.startsWith("\uFEFF");
  if (bom) text = text.slice(1);
  const bad = NOT_PRINTABLE.exec(text);
  if (bad) {
    const { line, col } = lineAndColumn(text, bad.index);
    const code = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
    throw new ConfigError((file) => `${file}:${line}:${col}: control character ${code} is not allowed in YAML; remove it and run again`);
  }
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

function notUtf8Message(bytes: Uint8Array): FileMessage {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return (file) => `${file} is UTF-16 text, not UTF-8; save it as UTF-8 and run again`;
  }
  const offset = firstInvalidUtf8(bytes);
  const { line, col } = lineAndColumn(bytes, offset);
  const byte = bytes[offset]?.toString(16).toUpperCase().padStart(2, "0") ?? "end of file";
  return (file) => `${file}:${line}:${col}: not valid UTF-8 at byte offset ${offset} (0x${byte}); save the file as UTF-8 and run again`;
}

/**
 * The offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode Table 3-7:
 * no overlong forms, no surrogates, nothing past U+10FFFF), or `bytes.length` for a sequence cut off
 * by the end of the file.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const [length, low, high] = sequence(lead);
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined) return i;
      if (next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** A lead byte's sequence length and the range its second byte must fall in; length 0 for a byte no sequence starts with. */
function sequence(lead: number): [number, number, number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}

/** 1-based line and column of `offset` in a string or byte array (columns count code units or bytes). */
function lineAndColumn(data: string | Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const unit = typeof data === "string" ? data.charCodeAt(i) : data[i];
    if (unit === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}
