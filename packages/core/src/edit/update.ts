import type { Integration } from "../schema.js";
import { editConfig, indexInView, type EditOptions, type EditResult } from "./frame.js";
import type { ConfigView, Operation } from "./view.js";
import { mergeForUpdate } from "./merge-auth.js";

/** Options for `updateIntegration`. */
export interface UpdateOptions extends EditOptions {
  /** Replace the whole block: keys added by hand are dropped. */
  replace?: boolean;
}

/** What `updateIntegration` did: `updated` in place, or `added` because no block had that name. */
export interface UpdateResult extends EditResult {
  action: "updated" | "added";
}

/**
 * Updates the block with the same name (case-insensitive) in place, or appends it when absent
 * (DESIGN.md §5). Only the block's own lines change; its position and the comments around it stay.
 * Keys the plugin and flags produce are regenerated, keys added by hand survive unless `replace`;
 * in the auth lists, hand-added params and hand-added entries of other types survive too.
 *
 * @throws ConfigError or FileError; on any error the file is left as it was.
 */
export async function updateIntegration(file: string, block: Integration, options: UpdateOptions = {}): Promise<UpdateResult> {
  let action: UpdateResult["action"] = "updated";
  const result = await editConfig(file, options, (view) => {
    const operation = updateOperation(view, block, options.replace ?? false);
    if (operation.kind === "append") action = "added";
    return operation;
  });
  return { ...result, action };
}

/** The change an update makes to `view`: the named block rewritten (merged unless `replace`), else appended. */
export function updateOperation(view: ConfigView, block: Integration, replace: boolean): Operation {
  const index = indexInView(view, block.name);
  if (index === -1) return { kind: "append", block };
  const current = view.item(index);
  const generated = { ...block, name: current.name as string }; // the name as written, which matched case-insensitively
  const target = replace ? generated : mergeForUpdate(current, generated);
  return { kind: "replace", index, current, target, replace, expected: replace ? target : { ...current, ...target } };
}
