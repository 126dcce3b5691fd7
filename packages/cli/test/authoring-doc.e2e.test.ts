// docs/authoring.md is a script: every ```sh block, in order, runs as written. Here, what the guide
// must hold; registry-install.e2e.test.ts runs it, with the CLI and the SDK installed from a registry.
import { describe, expect, it } from "vitest";
import { authoringGuide } from "@integrations/test-utils";

const { text, blocks, commands } = authoringGuide();

describe("docs/authoring.md", () => {
  it("has the sections a plugin author needs, and its sh blocks use only the $REGISTRY and $NPM_TOKEN placeholders", () => {
    for (const topic of [
      "## 2. The contract",
      "## 3. Compatibility",
      "plugins link",
      "## 7. Publish it",
      "## 9. Versioning",
      "runPlugin",
      "publishConfig",
      "_authToken=${NPM_TOKEN}",
      "@acme:registry=",
    ]) {
      expect(text).toContain(topic);
    }
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    const variables = new Set(blocks.flatMap((block) => [...block.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1])));
    expect(variables).toContain("REGISTRY");
    for (const variable of variables) expect(["REGISTRY", "NPM_TOKEN"], `$${variable}`).toContain(variable);
  });

  it("names no npm or integrations command in its prose that its sh blocks do not run", () => {
    const prose = text.replace(/^```[\s\S]*?^```$/gm, "");
    const spans = [...prose.matchAll(/`((?:npm|integrations) [^`]*)`/g)].map((m) => m[1]!.split("…")[0]!.trim());
    const commandsInProse = spans.filter((span) => !/[<[]/.test(span));
    expect(commandsInProse.length).toBeGreaterThan(5);
    for (const span of commandsInProse)
      expect(
        commands.some((command) => command.startsWith(span)),
        span,
      ).toBe(true);
  });
});
