import { ConfigError, FileError } from "../errors.js";
import { rewriteList } from "../yaml/append.js";
import { removeItemText } from "../yaml/edit-item.js";
import { locateIntegrations } from "../yaml/locate.js";
import { editConfig, indexOfName, type EditOptions, type EditResult } from "./frame.js";

/**
 * Removes the block with that name (case-insensitive): only its lines go. The last block leaves
 * `integrations: []`.
 *
 * @throws ConfigError `no integration named <name>` when there is none (nothing is written), or when
 *   the file is malformed; FileError when it cannot be read or written.
 */
export function deleteIntegration(file: string, name: string, options: EditOptions = {}): Promise<EditResult> {
  return editConfig(file, options, ({ source, parsed, list }) => {
    if (!parsed) throw new FileError(`${file} does not exist; there is nothing to delete`);
    const index = indexOfName(list, name);
    if (index === -1) {
      const known = list.map((item) => item?.name).filter((n) => typeof n === "string");
      throw new ConfigError(`no integration named ${name} in ${file}${known.length ? `; it has: ${known.join(", ")}` : ""}`);
    }
    const expected = list.filter((_, i) => i !== index);
    const location = locateIntegrations(parsed.tokens, parsed.text, file);
    if (location.kind !== "block") return { after: rewriteList(parsed, source, expected, file), expected };
    return { after: removeItemText(parsed.text, location.items, index, location.colonEnd), expected };
  });
}
