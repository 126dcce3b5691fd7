import { describe, expect, it } from "vitest";
import { parseGoDuration } from "./duration.js";

const S = 1e9;

describe("parseGoDuration", () => {
  it.each([
    ["1m", 60 * S],
    ["60s", 60 * S],
    ["1h30m", 5400 * S],
    ["500ms", 0.5 * S],
    ["1.5s", 1.5 * S],
    [".5s", 0.5 * S],
    ["1m0s", 60 * S],
    ["0", 0],
    ["-1s", -S],
    ["+2h", 7200 * S],
    ["1.s", S], // Go accepts an empty fraction
    ["1ns", 1],
    ["1us", 1e3],
    ["1\u00b5s", 1e3], // µ micro sign
    ["1\u03bcs", 1e3], // μ greek mu
    ["2h45m30.5s", (2 * 3600 + 45 * 60 + 30.5) * S],
    ["-0", 0],
    ["1.0000000001s", S], // Go truncates below a nanosecond
    ["9223372036854775807ns", 2 ** 63], // int64's largest, as the nearest double
    ["-9223372036854775808ns", -9223372036854775808],
  ])("accepts %j", (text, ns) => {
    expect(parseGoDuration(text)).toBe(ns);
  });

  it.each([
    "1", // a unit is required except for 0
    "1d",
    "1S",
    " 1s",
    "1s ",
    "1e3s",
    "",
    "-",
    "+",
    ".s",
    "s",
    "00", // only the exact text 0 may omit the unit
    "0.0",
    "1h-1m",
    "1 s",
    "1MS",
    "9223372036854775808ns", // > int64 max
    "2562048h", // ~ 292 years overflows int64 nanoseconds
    "-9223372036854775809ns",
  ])("refuses %j", (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});
