/** One problem found by validation: where (the path into the data, e.g. `["integrations", 2, "destination"]`) and what. */
export interface ValidationIssue {
  path: PropertyKey[];
  message: string;
  /** For an unknown key, that key (the first, when several) in the map at `path`: the line to point at. */
  key?: string;
}
