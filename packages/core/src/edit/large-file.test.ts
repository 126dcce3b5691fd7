// Issue 7: edits of large files go by source ranges (only the touched blocks are parsed) and give
// exactly the text the whole-file edit gives; unusual large files still take the whole parse.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig } from "@integrations/test-utils";
import { inConfigFile } from "../errors.js";
import type { Integration } from "../format/schema.js";
import { parseConfig } from "../yaml/parse.js";
import { scanIntegrations } from "../yaml/scan.js";
import { decodeConfig } from "../yaml/source.js";
import { addIntegration, addOperation } from "./add.js";
import { deleteIntegration, deleteOperation } from "./delete.js";
import { RANGED_MIN_CHARS } from "./frame.js";
import { fullView, integrationList } from "./full-view.js";
import { updateIntegration, updateOperation } from "./update.js";
import type { ConfigView, Operation } from "./view.js";

const COUNT = 1500;

/**
 * A block as people keep them: a comment before some, a quoted name, a block scalar followed by a
 * blank line and a column-0 comment (the text that looks like the list inside a block scalar is
 * in scan.test.ts: it would not be a valid block).
 */
function block(i: number, eol: string): string {
  const name = `svc-${String(i).padStart(4, "0")}`;
  const lines = [
    ...(i % 7 === 0 ? ["", `  # ${name} is tuned by hand`] : []),
    `  - name: ${i % 5 === 0 ? `"${name}"` : name} # service ${i}`,
    `    destination: https://${name}.example.com`,
    ...(i % 3 === 0 ? ["    rate_limit_window: |-", "      1m", "", "# a column-0 comment inside the list"] : []),
    "    outgoing_auth:",
    "      - type: token",
    "        params: {header: X-Auth, secrets: [env:TOKEN]}",
  ];
  return lines.map((line) => line + eol).join("");
}

function bigText(eol = "\n", middle = ""): string {
  const blocks = Array.from({ length: COUNT }, (_, i) => (i === COUNT / 2 && middle ? middle : block(i, eol)));
  return `# ${COUNT} integrations${eol}integrations:${eol}${blocks.join("")}  # new ones go above${eol}`;
}

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "integrations-large-")), "config.yaml");
  writeFileSync(file, text);
  return file;
}

/** The text the whole-file edit writes for the same decision. */
function wholeFileAfter(text: string, file: string, decide: (view: ConfigView) => Operation): string {
  const source = decodeConfig(Buffer.from(text));
  const view = fullView(source, parseConfig(source.text));
  return view.apply(decide(view)).after;
}

const slack: Integration = {
  name: "svc-0750",
  destination: "https://slack.com/api",
  outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:NEW"] } }],
};

describe.each([
  ["LF", "\n"],
  ["CRLF", "\r\n"],
])("on %s files of 1,500 blocks", (_name, eol) => {
  const text = bigText(eol);

  it("take the range-based path (the scan accepts them)", () => {
    expect(text.length).toBeGreaterThan(RANGED_MIN_CHARS);
    expect(scanIntegrations(text)?.items).toHaveLength(COUNT);
  });

  it("an update writes exactly what the whole-file edit writes, valid", async () => {
    const file = configFile(text);
    const result = await updateIntegration(file, { ...slack, name: "SVC-0750" });
    expect(result.action).toBe("updated");
    const after = readFileSync(file, "utf8");
    expect(after).toBe(wholeFileAfter(text, file, (view) => updateOperation(view, { ...slack, name: "SVC-0750" }, false)));
    expect(after).toContain(`  - name: "svc-0750" # service 750${eol}    destination: https://slack.com/api${eol}`);
    assertValidConfig(after);
    expect(integrationList(parseConfig(after))[750]).toMatchObject({ name: "svc-0750", destination: "https://slack.com/api" });
  });

  it("a delete and an add write exactly what the whole-file edits write", async () => {
    const file = configFile(text);
    await deleteIntegration(file, "svc-0999");
    const deleted = readFileSync(file, "utf8");
    expect(deleted).toBe(wholeFileAfter(text, file, (view) => deleteOperation(view, "svc-0999")));
    await addIntegration(file, { ...slack, name: "slack" });
    const added = readFileSync(file, "utf8");
    expect(added).toBe(wholeFileAfter(deleted, file, (view) => addOperation(view, { ...slack, name: "slack" })));
    expect(added.endsWith(`      - env:NEW${eol}  # new ones go above${eol}`)).toBe(true);
    assertValidConfig(added);
    const names = integrationList(parseConfig(added)).map((item) => item.name);
    expect(names).toHaveLength(COUNT);
    expect(names).not.toContain("svc-0999");
    expect(names.at(-1)).toBe("slack");
  });
});

describe("a large file outside the scan's subset", () => {
  it("anchors and a merge key next to the edited block: the whole parse, the merged block still reads right", async () => {
    const middle = ["  - &tuned", "    name: svc-0750", "    destination: https://old.example.com", "    max_idle_conns: 10", "  - <<: *tuned", "    name: svc-merged", ""].join("\n");
    const text = bigText("\n", middle);
    expect(scanIntegrations(text)).toBeUndefined();
    const file = configFile(text);
    await updateIntegration(file, { name: "svc-0751", destination: "https://new.example.com" });
    const list = integrationList(parseConfig(readFileSync(file, "utf8")));
    expect(list[750]).toEqual({ name: "svc-0750", destination: "https://old.example.com", max_idle_conns: 10 });
    expect(list[751]).toEqual({ name: "svc-merged", destination: "https://old.example.com", max_idle_conns: 10 });
    expect(list[752]).toMatchObject({ name: "svc-0751", destination: "https://new.example.com" });
  });
});

describe("problems in a large file", () => {
  it("a duplicate key in the edited block: refused at its line and column in the file, nothing written", async () => {
    const middle = "  - name: svc-0750\n    destination: https://a.example.com\n    destination: https://b.example.com\n";
    const text = bigText("\n", middle);
    expect(scanIntegrations(text)).toBeDefined();
    const line = text.slice(0, text.indexOf("    destination: https://b.example.com")).split("\n").length;
    const file = configFile(text);
    await expect(updateIntegration(file, slack)).rejects.toThrow(`${file}:${line}:5: Map keys must be unique; fix the YAML and run again`);
    expect(() => inConfigFile(file, () => parseConfig(text))).toThrow(`${file}:${line}:5: Map keys must be unique`);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("a duplicate key in another block is left for validate: the edit touches none of its bytes", async () => {
    const middle = "  - name: svc-0750\n    destination: https://a.example.com\n    destination: https://b.example.com\n";
    const text = bigText("\n", middle);
    const file = configFile(text);
    await deleteIntegration(file, "svc-0001");
    const after = readFileSync(file, "utf8");
    expect(after.length).toBeLessThan(text.length);
    expect(after).toContain(middle);
  });
});
