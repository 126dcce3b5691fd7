// YAML as people write it, through the built CLI: what add-yaml.e2e.test.ts and
// add-errors.e2e.test.ts prove for `add` is proved here for update, delete, validate and
// list --configured. Each group names in brackets the promise it proves.
import { describe, expect, it } from "vitest";
import { assertValidConfig, configSandbox, parseAllDocuments, SLACK_FLAGS, slackBlock, type CliResult, type ConfigSandbox } from "@integrations/test-utils";

const UPDATE_B = ["update", "slack", "--name", "b", "-file", "config.yaml", ...SLACK_FLAGS];
const ADD = ["slack", "-file", "config.yaml", ...SLACK_FLAGS];
const deleting = (name: string) => ["delete", name, "-file", "config.yaml"];

/** `b` as the slack update leaves it when b's block sat in a 2-space list (`b`'s name kept), each line ending in `eol`. */
const slackAsB = (eol = "\n") => slackBlock(eol).replace("  - name: slack", "  - name: b");

/** Three integrations, each line ending in `eol`. */
function three(eol: string): string {
  const lines = [
    "# three",
    "integrations: # all",
    "  - name: a",
    "    destination: https://a.example.com",
    "",
    "  # b next",
    "  - name: b",
    "    destination: https://b.example.com",
    "  - name: c",
    "    destination: 'https://c.example.com'",
    "# end",
  ];
  return lines.map((line) => line + eol).join("");
}

/** The first document's `integrations` as the proxy reads it (merge keys applied). */
function integrationsOf(text: string): Record<string, unknown>[] {
  const [first] = parseAllDocuments(text.replace(/^\uFEFF/, ""), { merge: true });
  return (first!.toJS() as { integrations: Record<string, unknown>[] }).integrations;
}

/** Every line break in `text` is CRLF: no bare LF, no bare CR. */
function expectAllCrlf(text: string): void {
  expect(text.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
}

/** Runs `args` in `box` and expects success: exit 0, `stdout`, nothing on stderr. */
function ok(box: ConfigSandbox, args: string[], stdout: string): string {
  expect(box.run(...args)).toEqual({ code: 0, stdout, stderr: "" });
  expect(box.entries()).toEqual(["config.yaml"]);
  return box.text();
}

/** Runs `args` on `original` and expects a one-line refusal (exit 1, no stack) that leaves the file byte for byte. */
function refused(original: string, args: string[]): CliResult {
  const box = configSandbox(original);
  const result = box.run(...args);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(box.bytes().equals(Buffer.from(original))).toBe(true);
  expect(box.entries()).toEqual(["config.yaml"]);
  return result;
}

describe("[CRLF stays CRLF, new lines too] update and delete", () => {
  const crlf = three("\r\n");

  it("update in place: b's new lines are CRLF, every other line unchanged", () => {
    const box = configSandbox(crlf);
    const after = ok(box, UPDATE_B, "updated b in config.yaml (lines 7–24)\n");
    const at = crlf.indexOf("  - name: b\r\n");
    const end = crlf.indexOf("  - name: c\r\n");
    expect(after).toBe(crlf.slice(0, at) + slackAsB("\r\n") + crlf.slice(end));
    expectAllCrlf(after);
    assertValidConfig(after);
  });

  it("update --add of a name that is not there appends a CRLF block", () => {
    const box = configSandbox(crlf);
    const after = ok(box, ["update", ...ADD, "--add"], "added slack to config.yaml (lines 11–28)\n");
    const at = crlf.indexOf("# end\r\n");
    expect(after).toBe(crlf.slice(0, at) + slackBlock("\r\n") + crlf.slice(at));
    assertValidConfig(after);
  });

  it("delete removes only b's CRLF lines", () => {
    const box = configSandbox(crlf);
    const after = ok(box, deleting("b"), "deleted b from config.yaml\n");
    expect(after).toBe(crlf.replace("  - name: b\r\n    destination: https://b.example.com\r\n", ""));
    assertValidConfig(after);
  });

  it("deleting the last block leaves `integrations: []` on a CRLF line", () => {
    const box = configSandbox("integrations: # all\r\n  - name: a\r\n    destination: https://a.example.com\r\n# end\r\n");
    expect(ok(box, deleting("a"), "deleted a from config.yaml\n")).toBe("integrations: [] # all\r\n# end\r\n");
    assertValidConfig(box.text());
  });

  it.each([
    ["add", ADD, "added slack to config.yaml (lines 7–24)\n", ["a", "z", "slack"]],
    ["update", ["update", "slack", "--name", "a", "-file", "config.yaml", ...SLACK_FLAGS], "updated a in config.yaml (lines 3–20)\n", ["a", "z"]],
    ["delete", deleting("a"), "deleted a from config.yaml\n", ["z"]],
  ])("[flow style] %s on a CRLF flow list rewrites it as a CRLF block list", (_, args, stdout, names) => {
    const original = "# top\r\nintegrations: [{name: a, destination: 'https://a.example.com'}, {name: z, destination: 'https://z.example.com'}]\r\n# end\r\n";
    const box = configSandbox(original);
    const after = ok(box, args, stdout);
    expect(after.startsWith("# top\r\nintegrations:\r\n  - name: ")).toBe(true);
    expect(after.endsWith("# end\r\n")).toBe(true);
    expect(after).not.toContain("[{");
    expectAllCrlf(after);
    assertValidConfig(after);
    expect(integrationsOf(after).map((item) => item.name)).toEqual(names);
  });
});

describe("[a UTF-8 BOM is kept] update and delete", () => {
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

  it("update keeps the BOM and every byte outside b", () => {
    const text = three("\n");
    const box = configSandbox(Buffer.concat([BOM, Buffer.from(text)]));
    ok(box, UPDATE_B, "updated b in config.yaml (lines 7–24)\n");
    const bytes = box.bytes();
    expect(bytes.subarray(0, 3).equals(BOM)).toBe(true);
    const after = bytes.subarray(3).toString("utf8");
    expect(after).toBe(text.slice(0, text.indexOf("  - name: b\n")) + slackAsB() + text.slice(text.indexOf("  - name: c\n")));
    assertValidConfig(after);
  });

  it("delete keeps the BOM, also when the last block goes", () => {
    const box = configSandbox(Buffer.concat([BOM, Buffer.from("integrations:\n  - name: a\n    destination: https://a.example.com\n")]));
    ok(box, deleting("a"), "deleted a from config.yaml\n");
    expect(box.bytes().equals(Buffer.concat([BOM, Buffer.from("integrations: []\n")]))).toBe(true);
    assertValidConfig(box.bytes().subarray(3).toString("utf8"));
  });

  it("a BOM and CRLF together: add keeps both", () => {
    const text = three("\r\n");
    const box = configSandbox(Buffer.concat([BOM, Buffer.from(text)]));
    ok(box, ADD, "added slack to config.yaml (lines 11–28)\n");
    const bytes = box.bytes();
    expect(bytes.subarray(0, 3).equals(BOM)).toBe(true);
    const after = bytes.subarray(3).toString("utf8");
    const at = text.indexOf("# end\r\n");
    expect(after).toBe(text.slice(0, at) + slackBlock("\r\n") + text.slice(at));
    assertValidConfig(after);
  });
});

describe("[anchors, aliases and merge keys kept and honoured]", () => {
  const ALPHA = [
    "integrations:",
    "  - &base",
    "    name: alpha",
    "    destination: https://alpha.example.com # shared",
    "    rate_limit_window: &win 2m",
    "    incoming_auth: &in",
    "      - type: token",
    "        params:",
    "          header: X-Auth",
    "          secrets: [env:ALPHA_IN]",
    "",
  ].join("\n");
  const BETA = ["  - <<: *base", "    name: beta", "    rate_limit_window: *win", ""].join("\n");
  const GAMMA = ["  - name: gamma", "    destination: https://gamma.example.com", "    incoming_auth: *in", ""].join("\n");
  const FILE = ALPHA + BETA + GAMMA;

  it("validate and list --configured see the merged values", () => {
    assertValidConfig(FILE);
    const box = configSandbox(FILE);
    // beta's incoming_auth comes through the merge key: no "has no incoming_auth" warning for it.
    expect(box.run("validate", "-file", "config.yaml")).toEqual({ code: 0, stdout: "config.yaml is valid (3 integrations)\n", stderr: "" });
    expect(box.run("list", "--configured", "-file", "config.yaml").stdout).toBe(
      "NAME   DESTINATION\nalpha  https://alpha.example.com\nbeta   https://alpha.example.com\ngamma  https://gamma.example.com\n",
    );
    const json = JSON.parse(box.run("list", "--configured", "--json", "-file", "config.yaml").stdout) as Record<string, unknown>[];
    expect(json[1]).toEqual({
      name: "beta",
      destination: "https://alpha.example.com",
      rate_limit_window: "2m",
      incoming_auth: [{ type: "token", params: { header: "X-Auth", secrets: ["env:ALPHA_IN"] } }],
    });
    expect(json[2]!.incoming_auth).toEqual(json[0]!.incoming_auth);
  });

  it("validate reports a bad value where it is merged in, with the merging block's path", () => {
    const box = configSandbox(FILE.replace("rate_limit_window: &win 2m", "in_rate_limit: ten\n    rate_limit_window: &win 2m"));
    const result = box.run("validate", "-file", "config.yaml");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("integrations[0].in_rate_limit: must be an integer");
    expect(result.stdout).toContain("integrations[1].in_rate_limit: must be an integer");
  });

  it("update of a block that merges another keeps `<<: *base`, the aliases and every other line", () => {
    const box = configSandbox(FILE);
    const after = ok(box, ["update", "slack", "--name", "beta", "-file", "config.yaml", ...SLACK_FLAGS], "updated beta in config.yaml (lines 11–34)\n");
    expect(after.startsWith(ALPHA + "  - <<: *base\n    name: beta\n")).toBe(true);
    expect(after.endsWith(GAMMA)).toBe(true);
    assertValidConfig(after);
    const list = integrationsOf(after);
    expect(list[1]).toMatchObject({ name: "beta", destination: "https://slack.com/api", rate_limit_window: "1m" });
    expect(list[0]).toMatchObject({ destination: "https://alpha.example.com", rate_limit_window: "2m" });
  });

  it("delete of a block that only uses aliases keeps the anchors byte for byte", () => {
    const box = configSandbox(FILE);
    expect(ok(box, deleting("beta"), "deleted beta from config.yaml\n")).toBe(ALPHA + GAMMA);
    assertValidConfig(box.text());
    expect(ok(box, deleting("gamma"), "deleted gamma from config.yaml\n")).toBe(ALPHA);
  });

  it("update of a block that aliases another's list re-renders only its own lines; the anchors stay", () => {
    const box = configSandbox(FILE);
    const after = ok(box, ["update", "slack", "--name", "gamma", "-file", "config.yaml", ...SLACK_FLAGS], "updated gamma in config.yaml (lines 14–36)\n");
    expect(after.startsWith(ALPHA + BETA)).toBe(true);
    assertValidConfig(after);
  });

  // The trap (edit/delete.ts + yaml/parse.ts): deleting alpha removes the `&base` anchor that beta merges.
  // Refusing is right (file untouched), but yaml's own error ("Merge sources must be maps or map aliases"),
  // read as an alias bomb, would blame the file. Expected: the message names the anchor (and who uses it)
  // so the user knows what to do.
  it("deleting the block holding an anchor another block merges names the anchor, not an alias bomb", () => {
    const result = refused(FILE, deleting("alpha"));
    expect(result.stderr).not.toContain("too often");
    expect(result.stderr).toMatch(/\bbase\b/);
  });

  // The trap (yaml/edit-item.ts): re-rendering `rate_limit_window: &win 2m` as `rate_limit_window: 1m` drops
  // the anchor beta's `*win` needs, and yaml's "Unresolved alias" would then read as an alias bomb.
  // Expected: either the anchor is kept on the new value, or a refusal naming `win`.
  it("updating an anchored value another block aliases keeps the anchor or refuses naming it", () => {
    const box = configSandbox(FILE);
    const result = box.run("update", "slack", "--name", "alpha", "-file", "config.yaml", ...SLACK_FLAGS);
    expect(result.stderr).not.toContain("too often");
    if (result.code === 0) {
      assertValidConfig(box.text());
      expect(box.text()).toContain("&win");
    } else {
      expect(result.stderr).toMatch(/\bwin\b/);
      expect(box.text()).toBe(FILE);
    }
  });

  // The trap (yaml/edit-item.ts removeItemText): ` []` put right after the colon, before the anchor or tag,
  // turns `integrations: &all` (or `!!seq`) with one block, after `delete a`, into `integrations: [] &all`,
  // which yaml refuses ("Unexpected anchor at node end"), blaming a file that is fine. Expected: exit 0,
  // an empty list.
  it.each(["&all", "!!seq"])("deleting the last block of a list carrying %s leaves an empty list", (props) => {
    const box = configSandbox(`integrations: ${props}\n  - name: a\n    destination: https://a.example.com\n`);
    expect(box.run(...deleting("a")).code).toBe(0);
    expect(integrationsOf(box.text())).toEqual([]);
  });
});

describe("[flow style, `integrations:` null, integrations missing] update, delete, validate", () => {
  it("delete from a flow list rewrites it as a block list without the block", () => {
    const box = configSandbox("# c\nintegrations: [{name: a, destination: 'https://a.example.com'}, {name: b, destination: 'https://b.example.com'}]\n# end\n");
    expect(ok(box, deleting("a"), "deleted a from config.yaml\n")).toBe("# c\nintegrations:\n  - name: b\n    destination: https://b.example.com\n# end\n");
    assertValidConfig(box.text());
    expect(ok(box, deleting("b"), "deleted b from config.yaml\n")).toBe("# c\nintegrations: []\n# end\n");
    assertValidConfig(box.text());
  });

  it("update in a flow list rewrites it as a block list, the block updated in place", () => {
    const box = configSandbox("integrations: [{name: a, destination: 'https://a.example.com'}, {name: b, destination: 'https://b.example.com'}]\n");
    const after = ok(box, UPDATE_B, "updated b in config.yaml (lines 4–21)\n");
    expect(after).toBe(`integrations:\n  - name: a\n    destination: https://a.example.com\n${slackAsB()}`);
    assertValidConfig(after);
  });

  it.each(["integrations:", "integrations: ~", "integrations: []"])("update --add on `%s` appends (added)", (line) => {
    const box = configSandbox(`${line}\n# end\n`);
    expect(ok(box, ["update", ...ADD, "--add"], "added slack to config.yaml (lines 2–19)\n")).toBe(`integrations:\n${slackBlock()}# end\n`);
    assertValidConfig(box.text());
  });

  it.each(["integrations:", "integrations: ~", "integrations: []"])("delete on `%s`: no integration named a, file untouched", (line) => {
    expect(refused(`${line}\n`, deleting("a")).stderr).toBe("error: no integration named a in config.yaml\n");
  });

  it("validate on `integrations:` null: valid, with a warning that the proxy forwards nothing (proxy: accepts, no integrations)", () => {
    const box = configSandbox("# none yet\nintegrations:\n");
    const result = box.run("validate", "-file", "config.yaml");
    expect(result).toMatchObject({ code: 0, stdout: "config.yaml is valid (0 integrations; 1 warning)\n" });
    expect(result.stderr).toBe("warning: config.yaml:2: holds no integrations: the proxy starts and forwards nothing\n");
  });

  it.each([
    ["an empty file", ""],
    ["a file with only comments", "# to be filled\n# by integrations\n"],
    ["a file with only a document start", "---\n"],
  ])("[integrations missing] add to %s writes the key and the block after what is there", (_, original) => {
    const box = configSandbox(original);
    const first = original.split("\n").length + 1; // after what is there and the new `integrations:` line
    expect(ok(box, ADD, `added slack to config.yaml (lines ${first}–${first + 17})\n`)).toBe(`${original}integrations:\n${slackBlock()}`);
    assertValidConfig(box.text());
  });
});

describe("[several documents: the first is the config, the rest kept byte for byte]", () => {
  const FIRST = "---\n# the config\nintegrations:\n  - name: a\n    destination: https://a.example.com\n  - name: b\n    destination: https://b.example.com\n";
  // Not a valid config on its own: proves that nothing reads it as one.
  const REST = "...\n--- # notes for humans\nintegrations: not a list\nowner: ops\n---\n- just\n- a list\n";

  it("update changes b in the first document only", () => {
    const box = configSandbox(FIRST + REST);
    const after = ok(box, UPDATE_B, "updated b in config.yaml (lines 6–23)\n");
    expect(after).toBe(FIRST.slice(0, FIRST.indexOf("  - name: b\n")) + slackAsB() + REST);
    assertValidConfig(after.slice(0, after.indexOf("...\n")));
  });

  it("delete removes b from the first document only; the last block leaves integrations: [] there", () => {
    const box = configSandbox(FIRST + REST);
    expect(ok(box, deleting("b"), "deleted b from config.yaml\n")).toBe(FIRST.replace("  - name: b\n    destination: https://b.example.com\n", "") + REST);
    expect(ok(box, deleting("a"), "deleted a from config.yaml\n")).toBe(`---\n# the config\nintegrations: []\n${REST}`);
    assertValidConfig(box.text().slice(0, box.text().indexOf("...\n")));
  });

  it("a name only in a later document is not found", () => {
    expect(refused(FIRST + "---\nintegrations:\n  - name: z\n    destination: https://z.example.com\n", deleting("z")).stderr).toContain("no integration named z");
  });

  it("validate and list --configured read the first document only", () => {
    const box = configSandbox(FIRST + REST);
    const validate = box.run("validate", "-file", "config.yaml");
    expect(validate.stdout).toBe("config.yaml is valid (2 integrations; 3 warnings)\n"); // a and b have no incoming_auth, and:
    expect(validate.stderr).toContain("warning: config.yaml:8: starts another YAML document, which the proxy ignores: it reads only the first; move what you need into the first document\n");
    expect(box.run("list", "--configured", "-file", "config.yaml").stdout).toBe("NAME  DESTINATION\na     https://a.example.com\nb     https://b.example.com\n");
  });
});

describe("[duplicate keys → error with position, file untouched] every command", () => {
  const DUPLICATE_NAME = "integrations:\n  - name: a\n    destination: https://a.example.com\n    name: b\n";
  const DUPLICATE_LIST = "integrations: []\n# again\nintegrations:\n  - name: a\n    destination: https://a.example.com\n";
  const DUPLICATE_PARAM = "integrations:\n  - name: a\n    destination: https://a.example.com\n    incoming_auth:\n      - type: token\n        params: {header: X, header: Y, secrets: [env:A]}\n";
  const commands: [string, string[]][] = [
    ["update", ["update", "slack", "--name", "a", "-file", "config.yaml", ...SLACK_FLAGS]],
    ["delete", deleting("a")],
    ["validate", ["validate", "-file", "config.yaml"]],
    ["list --configured", ["list", "--configured", "-file", "config.yaml"]],
  ];

  it.each(commands)("%s: a second name in one block → config.yaml:4:5", (_, args) => {
    expect(refused(DUPLICATE_NAME, args).stderr).toBe("error: config.yaml:4:5: Map keys must be unique; fix the YAML and run again\n");
  });

  it.each(commands)("%s: a second integrations key → config.yaml:3:1", (_, args) => {
    expect(refused(DUPLICATE_LIST, args).stderr).toContain("config.yaml:3:1: Map keys must be unique");
  });

  it.each(commands)("%s: a duplicate key inside a flow map of params → its line and column", (_, args) => {
    expect(refused(DUPLICATE_PARAM, args).stderr).toContain("config.yaml:6:29: Map keys must be unique");
  });
});

describe("[tabs used for indentation → error with position] every command", () => {
  const TABBED = "integrations:\n  - name: a\n\tdestination: https://a.example.com\n";
  const NESTED = "integrations:\n  - name: a\n    destination: https://a.example.com\n    incoming_auth:\n    \t- type: token\n";

  it.each([
    ["update", ["update", "slack", "--name", "a", "-file", "config.yaml", ...SLACK_FLAGS]],
    ["delete", deleting("a")],
    ["validate", ["validate", "-file", "config.yaml"]],
    ["list --configured", ["list", "--configured", "-file", "config.yaml"]],
    ["add", ADD],
  ])("%s: a tab at the start of a line and a tab after spaces, each at its line", (_, args) => {
    expect(refused(TABBED, args).stderr).toBe("error: config.yaml:3:1: Tabs are not allowed as indentation; fix the YAML and run again\n");
    expect(refused(NESTED, args).stderr).toMatch(/^error: config\.yaml:5:\d+: Tabs are not allowed as indentation/);
  });

  it("a tab inside a value or a comment is not indentation: accepted", () => {
    const box = configSandbox('integrations:\n  - name: a\t# tab before the comment\n    destination: "https://a.example.com"\t\n');
    expect(ok(box, ADD, "added slack to config.yaml (lines 4–21)\n")).toContain(slackBlock());
    assertValidConfig(box.text());
  });
});

describe("[an unclosed bracket or quote] is reported where it opens, not past the last line", () => {
  it.each([
    ["a flow list", "integrations:\n  - name: a\n    destination: [unclosed\n", "config.yaml:3:18: "],
    ["a flow map", "integrations:\n  - name: a\n    params: {header: X\n", "config.yaml:3:13: "],
    ["a double quote", 'integrations:\n  - name: a\n    destination: "unclosed\n', "config.yaml:3:18: "],
    ["a single quote", "integrations:\n  - name: a\n    destination: 'unclosed\n", "config.yaml:3:18: "],
  ])("%s: add, validate and delete name its line and column", (_, text, where) => {
    for (const args of [ADD, ["validate", "-file", "config.yaml"], deleting("a")]) {
      expect(refused(text, args).stderr).toMatch(new RegExp(`^error: ${where.replace(/\./g, "\\.")}`));
    }
  });
});
