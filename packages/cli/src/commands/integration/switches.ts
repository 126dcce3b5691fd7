/**
 * The integration command's own switches (no value), wherever they stand on the line. main.ts reads
 * them too, to find the integration after `update` when switches come first (`update --add slack`).
 */
export const SWITCHES = ["json", "allow-dangerous-literal", "dry-run", "replace", "add", "no-input", "help", "h"] as const;

/** Index in `words` of the first word that is not one of SWITCHES (`-x` or `--x`), from `from` on. */
export function afterSwitches(words: readonly string[], from: number): number {
  let index = from;
  while (index < words.length && (SWITCHES as readonly string[]).includes(words[index]!.replace(/^--?/, ""))) index++;
  return index;
}
