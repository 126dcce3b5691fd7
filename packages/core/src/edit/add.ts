import { ConfigError } from "../errors.js";
import type { Integration } from "../format/schema.js";
import { editConfig, indexInView, type EditOptions, type EditResult } from "./frame.js";
import type { ConfigView, Operation } from "./view.js";

/**
 * Appends a validated block to a config file's `integrations` list, creating the file when missing.
 * Only the block's own lines are added; every other byte stays (docs/design.md "Editing `config.yaml`").
 *
 * @throws ConfigError when the file is malformed, already has an integration of that name
 *   (case-insensitive), or has the wrong shape; FileError when it cannot be read or written.
 *   On any error the file is left as it was.
 */
export function addIntegration(file: string, block: Integration, options: EditOptions = {}): Promise<EditResult> {
  return editConfig(file, options, (view) => addOperation(view, block, file));
}

/**
 * The change an add makes to `view`.
 *
 * @throws ConfigError when an integration of that name (case-insensitive) is there already.
 */
export function addOperation(view: ConfigView, block: Integration, file: string): Operation {
  if (indexInView(view, block.name) !== -1) {
    throw new ConfigError(`integration ${block.name} already exists in ${file}; use "integrations update" to change it, or --name to add another`);
  }
  return { kind: "append", block };
}
