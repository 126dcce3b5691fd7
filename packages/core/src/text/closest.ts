import { distance } from "fastest-levenshtein";

/**
 * The candidates closest to a mistyped `word` (`slak` → `slack`, `lsit` → `list`), best first, at
 * most `max`; none when nothing is close. Close means a few edits away for the word's length (a
 * swapped pair of letters counts as two edits), or starting with a word of three letters or more.
 * Compared case-insensitively; the candidates are returned as given.
 *
 * @example closestNames("slak", ["slack", "stripe", "jira"]) // ["slack"]
 */
export function closestNames(word: string, candidates: Iterable<string>, max = 3): string[] {
  const typed = word.toLowerCase();
  const limit = Math.max(2, Math.floor(typed.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(candidates)) {
    const lower = name.toLowerCase();
    if (lower === typed) continue;
    const edits = distance(typed, lower);
    const prefix = typed.length >= 3 && lower.startsWith(typed);
    if (edits <= limit && edits < Math.max(typed.length, lower.length)) scored.push({ name, score: edits });
    else if (prefix) scored.push({ name, score: limit + 1 });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((entry) => entry.name);
}

/** ` (did you mean slack?)`, ` (did you mean ghe, github?)`, or "" when there is nothing close. */
export function didYouMean(names: readonly string[]): string {
  return names.length === 0 ? "" : ` (did you mean ${names.join(" or ")}?)`;
}
