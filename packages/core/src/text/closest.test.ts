import { describe, expect, it } from "vitest";
import { closestNames, didYouMean } from "./closest.js";

const INTEGRATIONS = ["asana", "ghe", "github", "gitlab", "jira", "linear", "slack", "stripe", "list", "update", "validate"];

describe("closestNames", () => {
  it("finds a typo, a swapped pair and a prefix, best first", () => {
    expect(closestNames("slak", INTEGRATIONS)).toEqual(["slack"]);
    expect(closestNames("lsit", INTEGRATIONS)).toEqual(["list"]);
    expect(closestNames("githb", INTEGRATIONS)).toEqual(["github", "gitlab"]);
    expect(closestNames("upd", INTEGRATIONS)).toEqual(["update"]);
    expect(closestNames("SLACK2", INTEGRATIONS)).toEqual(["slack"]);
  });

  it("offers nothing for a word far from every candidate, or for the word itself", () => {
    expect(closestNames("zzzzzz", INTEGRATIONS)).toEqual([]);
    expect(closestNames("xy", ["ab"])).toEqual([]);
    expect(closestNames("slack", ["slack"])).toEqual([]);
  });

  it("keeps at most max names", () => {
    expect(closestNames("a", ["b", "c", "d", "e"], 2)).toHaveLength(0);
    expect(closestNames("gh", ["ghe", "gha", "ghb", "ghc"], 2)).toEqual(["gha", "ghb"]);
  });
});

describe("didYouMean", () => {
  it("phrases one or several names, and nothing for none", () => {
    expect(didYouMean(["slack"])).toBe(" (did you mean slack?)");
    expect(didYouMean(["ghe", "github"])).toBe(" (did you mean ghe or github?)");
    expect(didYouMean([])).toBe("");
  });
});
