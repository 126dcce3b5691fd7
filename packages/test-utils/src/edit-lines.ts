/**
 * The success line an add or update prints, with the block's lines found the way a reader finds
 * them: where `block` (its exact text, `- name: …` line first) stands in the file's `text`.
 *
 * @example editedLine("added", "slack", "config.yaml", text, slackBlock()) // "added slack to config.yaml (lines 5–22)\n"
 * @throws Error when `block` is not in `text` exactly once.
 */
export function editedLine(action: "added" | "updated", name: string, file: string, text: string, block: string): string {
  const at = text.indexOf(block);
  if (at === -1 || text.indexOf(block, at + 1) !== -1) throw new Error(`the block of ${name} is not in the text exactly once`);
  const first = text.slice(0, at).split("\n").length;
  const last = first + block.replace(/\r?\n$/, "").split("\n").length - 1;
  return `${action} ${name} ${action === "added" ? "to" : "in"} ${file} (${first === last ? `line ${first}` : `lines ${first}–${last}`})\n`;
}

/**
 * The success line of an add that created `file`, whose `text` is `integrations:` and that one block
 * (its name read from its first line).
 */
export function addedToNewFile(file: string, text: string): string {
  const list = "integrations:\n";
  const block = text.slice(text.indexOf(list) + list.length);
  return editedLine("added", /^\s*- name: (.*)$/m.exec(block)?.[1] ?? "?", file, text, block);
}

/** The success line of a delete. */
export function deletedLine(name: string, file: string): string {
  return `deleted ${name} from ${file}\n`;
}
