/** A block's place in a file: its first and last line, 1-based and inclusive. */
export interface LineSpan {
  first: number;
  last: number;
}

/**
 * The lines of `text` that [start, end) covers, where `start` begins a line and `end` is the start of
 * the line after (or the end of the text). Counts line breaks only: no parse, so an edit of a
 * 10,000-block file can afford it.
 */
export function lineSpan(text: string, start: number, end: number): LineSpan {
  const first = 1 + countBreaks(text, 0, start);
  return { first, last: first + Math.max(0, countBreaks(text, start, end - 1)) };
}

/** The `\n`s in text[from, to). */
function countBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf("\n", from); at !== -1 && at < to; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
