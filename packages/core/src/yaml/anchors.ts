import { Parser } from "yaml";
import { InputError } from "../errors.js";

/** The anchor names a YAML text defines (`&name`) and the alias names it uses (`*name`), from its CST. */
export function anchorsAndAliases(text: string): { anchors: Set<string>; aliases: Set<string> } {
  const anchors = new Set<string>();
  const aliases = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
    } else if (node !== null && typeof node === "object") {
      const { type, source } = node as { type?: unknown; source?: unknown };
      if (type === "anchor" && typeof source === "string") anchors.add(source.slice(1));
      else if (type === "alias" && typeof source === "string") aliases.add(source.slice(1));
      else for (const child of Object.values(node)) if (child !== null && typeof child === "object") walk(child);
    }
  };
  for (const token of new Parser().parse(text)) walk(token);
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
export function lostAnchorError(before: string, after: string, file: string, what: string): InputError | undefined {
  const old = anchorsAndAliases(before);
  const now = anchorsAndAliases(after);
  const lost = [...now.aliases].filter((name) => old.anchors.has(name) && !now.anchors.has(name));
  if (lost.length === 0) return undefined;
  const list = lost.map((name) => `&${name} (used by *${name})`).join(", ");
  return new InputError(`${file}: ${what} would drop the anchor ${list} that another part of the file still uses; write the value out where the alias is, or move the anchor, then run again; nothing was written`);
}
