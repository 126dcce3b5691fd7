/** One change to a text: replace [from, to) with `insert`. */
export interface Edit {
  from: number;
  to: number;
  insert: string;
}

/**
 * Applies edits made against the same original text (their ranges must not overlap), last first;
 * insertions at one offset keep their order, before whatever a removal starting there leaves.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const removes = (edit: Edit) => (edit.to > edit.from ? 1 : 0);
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.from - a.edit.from || removes(b.edit) - removes(a.edit) || b.index - a.index);
  return ordered.reduce((out, { edit }) => out.slice(0, edit.from) + edit.insert + out.slice(edit.to), text);
}
