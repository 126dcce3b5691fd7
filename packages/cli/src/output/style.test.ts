import { describe, expect, it } from "vitest";
import { colorEnabled } from "./style.js";

const tty = { isTTY: true, hasColors: () => true };
const dumb = { isTTY: true, hasColors: () => false };
const pipe = { isTTY: false };

describe("colorEnabled", () => {
  it("colours a terminal that has colours, and nothing else", () => {
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled(dumb, {})).toBe(false);
    expect(colorEnabled(pipe, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
  });

  it("never colours with NO_COLOR set to anything but the empty string, even when forced", () => {
    expect(colorEnabled(tty, { NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: "0" })).toBe(false);
    expect(colorEnabled(pipe, { NO_COLOR: "1", FORCE_COLOR: "1" })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: "" })).toBe(true);
  });

  it("follows FORCE_COLOR: on for 1, true or empty; off for 0 and false", () => {
    expect(colorEnabled(pipe, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: "" })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: "true" })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: "0" })).toBe(false);
    expect(colorEnabled(tty, { FORCE_COLOR: "false" })).toBe(false);
  });
});
