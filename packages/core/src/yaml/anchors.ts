import { Parser } from "yaml";
import { InputError } from "../errors.js";
import { sourceTokens } from "./cst.js";

/** The anchor names a YAML text defines (`&name`) and the alias names it uses (`*name`), from its CST. */
export function anchorsAndAliases(text: string): { anchors: Set<string>; aliases: Set<string> } {
  const anchors = new Set<string>();
  const aliases = new Set<string>();
  for (const token of new Parser().parse(text)) {
    for (const span of sourceTokens(token)) {
      if (span.type === "anchor") anchors.add(span.source.slice(1));
      else if (span.type === "alias") aliases.add(span.source.slice(1));
    }
  }
  return { anchors, aliases };
}

/**
 * Why an edit's new text does not read: an anchor that the edited block defined is gone while an
 * alias elsewhere still uses it. Undefined when that is not the reason (the caller then reports its
 * own error).
 *
 * @param before the file's text before the edit; `after` the edit's text; `what` names the edit
 *   for the message (`deleting slack`).
 */
export function lostAnchorError(before: string, after: string, what: string): InputError | undefined {
  const old = anchorsAndAliases(before);
  const now = anchorsAndAliases(after);
  const lost = [...now.aliases].filter((name) => old.anchors.has(name) && !now.anchors.has(name));
  if (lost.length === 0) return undefined;
  const list = lost.map((name) => `&${name} (used by *${name})`).join(", ");
  return new InputError(
    (file) =>
      `${file}: ${what} would drop the anchor ${list} that another part of the file still uses; write the value out where the alias is, or move the anchor, then run again; nothing was written`,
  );
}
