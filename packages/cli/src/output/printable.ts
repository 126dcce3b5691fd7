/** Control characters: C0 (except tab and line feed), DEL and C1. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * `text` with every control character written as `\u001b` (as JSON would): for text that may come
 * from the config file (a name given as `"a\e]0;x\a"` in double quotes), so that printing it can
 * never send an escape sequence to the user's terminal.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
