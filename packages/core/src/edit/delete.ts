import { ConfigError, FileError } from "../errors.js";
import { editConfig, indexInView, type EditOptions, type EditResult } from "./frame.js";
import type { ConfigView, Operation } from "./view.js";

/**
 * Removes the block with that name (case-insensitive): only its lines go. The last block leaves
 * `integrations: []`.
 *
 * @throws ConfigError `no integration named <name>` when there is none (nothing is written), or when
 *   the file is malformed; FileError when it cannot be read or written.
 */
export function deleteIntegration(file: string, name: string, options: EditOptions = {}): Promise<EditResult> {
  return editConfig(file, options, (view) => deleteOperation(view, name));
}

/**
 * The change a delete makes to `view`.
 *
 * @throws FileError when the file does not exist; ConfigError when no integration has that name.
 */
export function deleteOperation(view: ConfigView, name: string): Operation {
  if (!view.exists) throw new FileError((file) => `${file} does not exist; there is nothing to delete`);
  const index = indexInView(view, name);
  if (index === -1) {
    const known = view.names.filter((n) => typeof n === "string");
    throw new ConfigError((file) => `no integration named ${name} in ${file}${known.length ? `; it has: ${known.join(", ")}` : ""}`);
  }
  return { kind: "remove", index };
}
