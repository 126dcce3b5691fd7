import { closestNames } from "../text/closest.js";
import { ConfigError, type FileMessage } from "../errors.js";
import type { Integration } from "../format/schema.js";
import { editConfig, indexInView, type EditOptions, type EditResult } from "./frame.js";
import type { ConfigView, Operation } from "./view.js";
import { mergeForUpdate } from "./merge-auth.js";
import { otherOwner, type UpdatingIntegration } from "./owner.js";

export type { UpdatingIntegration } from "./owner.js";

/** Options for `updateIntegration`. */
export interface UpdateOptions extends EditOptions {
  /** Replace the whole block: keys added by hand are dropped (and a block of another integration may be overwritten). */
  replace?: boolean;
  /** Append the block when no block has its name (`update --add`); otherwise that is an error. */
  add?: boolean;
  /**
   * The integration whose plugin built the block: when given, a block that looks like another
   * integration's is refused unless `replace` (see `otherOwner`).
   */
  integration?: UpdatingIntegration;
}

/** What `updateIntegration` did: `updated` in place, or `added` (with `add`) because no block had that name. */
export interface UpdateResult extends EditResult {
  action: "updated" | "added";
}

/**
 * Updates the block with the same name (case-insensitive) in place, or appends it when absent and
 * `add` is set (docs/design.md "Editing `config.yaml`"). Only the block's own lines change; its position and the comments
 * around it stay. Keys the plugin and flags produce are regenerated, keys added by hand survive
 * unless `replace`; in the auth lists, hand-added params and hand-added entries of other types survive too.
 *
 * @throws ConfigError when no block has that name and `add` is not set (naming the closest names),
 *   when the block is another integration's and `replace` is not set, or the file is malformed;
 *   FileError. On any error the file is left as it was.
 */
export async function updateIntegration(file: string, block: Integration, options: UpdateOptions = {}): Promise<UpdateResult> {
  let action: UpdateResult["action"] = "updated";
  const result = await editConfig(file, options, (view) => {
    const operation = updateOperation(view, block, options.replace ?? false, options);
    if (operation.kind === "append") action = "added";
    return operation;
  });
  return { ...result, action };
}

/** What `updateOperation` checks besides the name: see `UpdateOptions`. */
export interface UpdateChecks {
  add?: boolean;
  integration?: UpdatingIntegration;
}

/**
 * The change an update makes to `view`: the named block rewritten (merged unless `replace`), else
 * appended when `checks.add` is set.
 *
 * @throws ConfigError when no block has that name and `checks.add` is not set, or the block is
 *   another integration's (`checks.integration`) and `replace` is not set.
 */
export function updateOperation(view: ConfigView, block: Integration, replace: boolean, checks: UpdateChecks = {}): Operation {
  const index = indexInView(view, block.name);
  if (index === -1) {
    if (checks.add) return { kind: "append", block };
    throw new ConfigError(missingBlockMessage(view, block.name));
  }
  const current = view.item(index);
  const generated = { ...block, name: current.name as string }; // the name as written, which matched case-insensitively
  const other = checks.integration && !replace ? otherOwner(current, generated, checks.integration) : undefined;
  if (other && checks.integration) throw new ConfigError(otherOwnerMessage(index, generated.name, checks.integration.name, other));
  const target = replace ? generated : mergeForUpdate(current, generated);
  return { kind: "replace", index, current, target, replace, expected: replace ? target : { ...current, ...target } };
}

function missingBlockMessage(view: ConfigView, name: string): FileMessage {
  const names = view.names.filter((n): n is string => typeof n === "string");
  const close = closestNames(name, names);
  const where = (file: string) => (!view.exists ? `${file} does not exist` : names.length === 0 ? `${file} has no blocks` : `no block in ${file} is named ${name}`);
  const listed = close.length > 0 ? close : names.length <= 5 ? names : [];
  const closest = listed.length > 0 ? `; ${close.length > 0 ? "closest" : "its blocks"}: ${listed.join(", ")} (give the block's name with --name)` : "";
  return (file) => `nothing to update: ${where(file)}${closest}; add --add to append ${name} as a new block; nothing was written`;
}

function otherOwnerMessage(index: number, name: string, integration: string, other: { reason: string; owner?: string }): FileMessage {
  const own = !other.owner ? "the plugin that wrote it" : `integrations update ${other.owner}${other.owner === name.toLowerCase() ? "" : ` --name ${name}`} …`;
  return (file) =>
    `integrations[${index}] (${name}) in ${file} is not a block the ${integration} plugin writes: ${other.reason}; update it with ${own}, or add --replace to overwrite it with ${integration}'s block; nothing was written`;
}
