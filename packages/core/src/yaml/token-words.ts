import { parse, type CST } from "yaml";
import { describeValue } from "../text/describe-value.js";

/**
 * What a CST token holds, in the words `validate` uses for the same value ("a map", "a list", "a
 * string", `5`), not yaml's node names (`flow-collection`, `block-seq`).
 */
export function describeToken(token: CST.Token): string {
  switch (token.type) {
    case "block-map":
      return "a map";
    case "block-seq":
      return "a list";
    case "flow-collection":
      return token.start.source === "{" ? "a map" : "a list";
    case "scalar":
      return describeValue(plainValue(token.source));
    case "single-quoted-scalar":
    case "double-quoted-scalar":
    case "block-scalar":
      return "a string";
    case "alias":
      return `an alias (${token.source})`;
    default:
      return "a value of another kind";
  }
}

/** A plain scalar's value as the core schema reads it (`5`, `true`, a string). */
function plainValue(source: string): unknown {
  try {
    return parse(source) as unknown;
  } catch {
    return source;
  }
}
