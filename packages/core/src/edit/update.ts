import type { Integration } from "../schema.js";
import { appendToText, newConfigText, rewriteList } from "../yaml/append.js";
import { updateItemText } from "../yaml/edit-item.js";
import { locateIntegrations } from "../yaml/locate.js";
import { editConfig, indexOfName, type EditOptions, type EditResult } from "./frame.js";
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
  const result = await editConfig(file, options, ({ source, parsed, list }) => {
    const index = indexOfName(list, block.name);
    if (index === -1 || !parsed) {
      action = "added";
      const after = parsed ? appendToText(parsed, source, block, file) : newConfigText(block);
      return { after, expected: [...list, block], changed: list.length };
    }
    const current = list[index]!;
    const generated = { ...block, name: current.name as string }; // the name as written, which matched case-insensitively
    const target = options.replace ? generated : mergeForUpdate(current, generated);
    const expected = list.map((item, i) => (i === index ? (options.replace ? target : { ...current, ...target }) : item));
    const location = locateIntegrations(parsed.tokens, parsed.text, file);
    if (location.kind !== "block") return { after: rewriteList(parsed, source, expected, file), expected, changed: index };
    const context = { item: location.items[index]!, dashColumn: location.dashColumn, style: location.style, eol: source.eol };
    return { after: updateItemText(parsed.text, context, current, target, options.replace ?? false), expected, changed: index };
  });
  return { ...result, action };
}
