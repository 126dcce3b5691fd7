import { diffLines } from "diff";
import { maskLiteralsInText, type EditResult } from "@integrations/core";
import type { PromptIo } from "./interactive.js";

/**
 * The lines an edit would write, as the user is shown them before confirming: the added lines as
 * they will stand in the file, or, when lines would also be removed or changed (an update), the
 * changed lines marked `+`/`-` (`replaces`). `dangerousLiteral:` values are masked.
 */
export function previewLines(preview: Pick<EditResult, "before" | "after">): { text: string; replaces: boolean } {
  const parts = diffLines(preview.before ?? "", preview.after);
  const replaces = parts.some((part) => part.removed);
  const lines = parts.flatMap((part) => {
    if (!part.added && !part.removed) return [];
    const marker = !replaces ? "" : part.added ? "+ " : "- ";
    return part.value
      .replace(/\r?\n$/, "")
      .split(/\r?\n/)
      .map((line) => marker + line);
  });
  return { text: maskLiteralsInText(lines.join("\n")), replaces };
}

/**
 * Shows what an edit would write to `file` and asks whether to write it.
 *
 * @returns true to write; false when the user said no or cancelled (the caller writes nothing).
 */
export async function confirmWrite(file: string, preview: Pick<EditResult, "before" | "after">, io: PromptIo): Promise<boolean> {
  const prompts = await import("@clack/prompts");
  const { text, replaces } = previewLines(preview);
  const title = preview.before === undefined ? `New file ${file}` : replaces ? `Changes to ${file}` : `To add to ${file}`;
  prompts.note(text, title, { format: (line) => line, output: io.output });
  const answer = await io.ctrlC.watching(() => prompts.confirm({ message: `Write this to ${file}?`, initialValue: true, output: io.output }));
  if (prompts.isCancel(answer) || !answer) {
    if (!io.ctrlC.pressed) prompts.cancel(`Nothing was written to ${file}.`, { output: io.output }); // Ctrl-C gets the run's stop line instead
    return false;
  }
  return true;
}
