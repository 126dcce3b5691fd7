import { CST, Lexer } from "yaml";
import { ConfigError } from "../errors.js";

/**
 * The most YAML nodes a config file may hold where it is parsed whole (see `requireNodeBudget`).
 * Parsing costs far more per node than per byte (a dense flow list of `{}` holds a node every 3
 * bytes), so a byte limit alone cannot bound it. At this count the costliest shape stays within a few
 * hundred MB (docs/performance.md, "Dense YAML and the node limit").
 */
export const MAX_YAML_NODES = 50_000;

/** Tokens that are a node of their own: scalars, aliases, flow collections, document markers, anything the lexer could not place. */
const NODE = new Set(["scalar", "single-quoted-scalar", "double-quoted-scalar", "block-scalar-header", "alias", "flow-map-start", "flow-seq-start", "doc-start", "doc-end", "directive", "error"]);
/** Indicators that open an entry: one followed by another indicator (`[:, :]`, `- -`, `a: ,`) holds an empty node. */
const OPENS_ENTRY = new Set(["seq-item-ind", "explicit-key-ind", "map-value-ind", "comma"]);
/** Tokens that neither are nor end a node. */
const NEUTRAL = new Set(["space", "newline", "comment", "anchor", "tag", "byte-order-mark"]);

/**
 * Counts the YAML nodes of `text` with yaml's Lexer (no CST, no Document), stopping once the count
 * passes `limit`: scalars, aliases, flow collections, document markers and empty entries
 * (`- `, `key:` or `,` followed by no value). A block collection is counted through its entries.
 */
export function countNodes(text: string, limit: number): number {
  let nodes = 0;
  let open = false; // the last token opened an entry that has no node yet
  let scalarNext = false;
  let afterHeader = false; // a block scalar's content follows its header as a scalar: the header alone counts
  for (const raw of new Lexer().lex(text)) {
    if (raw === "\x02") continue;
    if (raw === "\x1f") {
      scalarNext = true;
      continue;
    }
    const kind = scalarNext ? "scalar" : (CST.tokenType(raw) ?? "error");
    scalarNext = false;
    if (NEUTRAL.has(kind)) continue;
    if (NODE.has(kind)) {
      if (!(kind === "scalar" && afterHeader)) nodes++;
      open = false;
    } else if (OPENS_ENTRY.has(kind)) {
      if (open) nodes++;
      open = true;
    } else {
      if (open) nodes++; // `]`, `}`: a `,` or `:` right before it held nothing
      open = false;
    }
    afterHeader = kind === "block-scalar-header";
    if (nodes > limit) return nodes;
  }
  return nodes;
}

/**
 * Refuses a text with more than MAX_YAML_NODES nodes before it is parsed whole: one line naming the
 * limit and the fix. A text shorter than the limit cannot hold that many (every node takes a character).
 *
 * @throws ConfigError when the text has more nodes than the limit.
 */
export function requireNodeBudget(text: string): void {
  if (text.length <= MAX_YAML_NODES) return;
  if (countNodes(text, MAX_YAML_NODES) <= MAX_YAML_NODES) return;
  const limit = MAX_YAML_NODES.toLocaleString("en-US");
  throw new ConfigError(
    (file) =>
      `${file} has more than ${limit} YAML nodes outside a plain block list (the limit is ${limit}): write integrations: as a block list (- name: …) without anchors, aliases, tags or multi-line values, or split the file`,
  );
}
