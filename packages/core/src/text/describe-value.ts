/** What a value is, in the words messages use ("a map", "a list", "a string", `5`), never echoing a string (it may be a credential). */
export function describeValue(input: unknown): string {
  if (input === null) return "null (empty)";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "number" || typeof input === "boolean") return String(input);
  if (typeof input === "string") return "a string";
  return typeof input === "object" ? "a map" : typeof input;
}
