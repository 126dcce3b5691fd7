import { createTwoFilesPatch } from "diff";
import { maskLiteralsInText } from "@integrations/core";

/**
 * The unified diff `--dry-run` prints: from the file as it is (empty when missing) to the text an
 * edit would write, `dangerousLiteral:` values masked.
 */
export function unifiedDiff(file: string, before: string | undefined, after: string): string {
  const patch = createTwoFilesPatch(before === undefined ? "/dev/null" : `a/${file}`, `b/${file}`, before ?? "", after, "", "", { context: 3 });
  return maskLiteralsInText(patch.replace(/^=+\n/, ""));
}
