/**
 * Go duration strings (`1m`, `1h30m`, `500ms`), parsed exactly as Go's `time.ParseDuration` does,
 * because the proxy reads `rate_limit_window` and the timeouts with it (docs/config-format.md "Keys of an integration block").
 */

const UNITS: ReadonlyMap<string, bigint> = new Map([
  ["ns", 1n],
  ["us", 1_000n],
  ["\u00b5s", 1_000n], // µ MICRO SIGN
  ["\u03bcs", 1_000n], // μ GREEK SMALL LETTER MU
  ["ms", 1_000_000n],
  ["s", 1_000_000_000n],
  ["m", 60_000_000_000n],
  ["h", 3_600_000_000_000n],
]);

/** 1<<63: Go keeps the magnitude in a uint64 and allows it only up to this (negative) or one less. */
const LIMIT = 1n << 63n;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/**
 * Parse a Go duration string into nanoseconds.
 *
 * Grammar: an optional sign, then one or more `<decimal><unit>` pairs with no spaces; units `ns`,
 * `us`, `µs`, `μs`, `ms`, `s`, `m`, `h` (case-sensitive); `0` is the only value without a unit.
 * A decimal may omit either side of the dot (`.5s`, `1.s`), as Go allows.
 *
 * @returns the duration in nanoseconds (a JS number: exact up to 2^53 ns, about 104 days), or
 * `undefined` when the text is not valid Go syntax or overflows Go's int64 nanoseconds.
 * @example parseGoDuration("1h30m") // 5_400_000_000_000
 * @example parseGoDuration("1d")    // undefined
 */
export function parseGoDuration(text: string): number | undefined {
  let s = text;
  let negative = false;
  if (s[0] === "-" || s[0] === "+") {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") return undefined;

  let total = 0n;
  while (s !== "") {
    if (!(s[0] === "." || isDigit(s[0]))) return undefined;

    // Integer part: Go's leadingInt, which fails on overflow.
    let i = 0;
    let whole = 0n;
    while (isDigit(s[i])) {
      whole = whole * 10n + BigInt(s.charCodeAt(i) - 48);
      if (whole > LIMIT) return undefined;
      i++;
    }
    const hasWhole = i > 0;

    // Fraction: Go's leadingFraction keeps the digits that fit and skips the rest.
    let fraction = 0n;
    let scale = 1;
    let hasFraction = false;
    if (s[i] === ".") {
      i++;
      let overflow = false;
      while (isDigit(s[i])) {
        hasFraction = true;
        if (!overflow) {
          const next = fraction * 10n + BigInt(s.charCodeAt(i) - 48);
          if (next > LIMIT) overflow = true;
          else {
            fraction = next;
            scale *= 10;
          }
        }
        i++;
      }
    }
    if (!hasWhole && !hasFraction) return undefined;

    // Unit: everything up to the next digit or dot.
    let j = i;
    while (j < s.length && s[j] !== "." && !isDigit(s[j])) j++;
    const unit = UNITS.get(s.slice(i, j));
    if (unit === undefined) return undefined;
    s = s.slice(j);

    if (whole > LIMIT / unit) return undefined;
    let value = whole * unit;
    if (fraction > 0n) {
      // Go: v += uint64(float64(f) * (float64(unit) / scale)); same float64 arithmetic here.
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > LIMIT) return undefined;
    }
    total += value;
    if (total > LIMIT) return undefined;
  }
  if (!negative && total > LIMIT - 1n) return undefined;
  return Number(negative ? -total : total);
}
