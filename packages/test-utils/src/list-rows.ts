/** The fields of one `integrations list --json` row that the tests check (the CLI adds `description`). */
export interface ListRow {
  integration: string;
  package: string;
  version: string | null;
  source: string;
  status: string;
  /** How its code runs: `in-process`, `sandbox` or `off`. */
  runs: string;
  cause: string | null;
  path: string;
}

export const LIST_ROW_KEYS = ["integration", "package", "version", "source", "status", "runs", "cause", "path"] as const;

/**
 * Parses `integrations list --json` output into rows holding only the checked fields.
 *
 * @throws Error naming the row and field when a row lacks one of them.
 */
export function parseListRows(stdout: string): ListRow[] {
  const rows = JSON.parse(stdout) as Record<string, unknown>[];
  return rows.map((row) => {
    for (const key of LIST_ROW_KEYS) if (!(key in row)) throw new Error(`list --json row lacks ${key}: ${JSON.stringify(row)}`);
    return Object.fromEntries(LIST_ROW_KEYS.map((key) => [key, row[key]])) as unknown as ListRow;
  });
}

/**
 * The row of one package's integration (`integration` narrows it when the package offers several).
 *
 * @throws Error listing every row when there is not exactly one.
 */
export function rowOf<Row extends Pick<ListRow, "package" | "integration">>(rows: readonly Row[], pkg: string, integration?: string): Row {
  const found = rows.filter((r) => r.package === pkg && (integration === undefined || r.integration === integration));
  if (found.length !== 1) throw new Error(`${found.length} rows for ${pkg}${integration ? ` (${integration})` : ""}, expected 1: ${JSON.stringify(rows, null, 2)}`);
  return found[0]!;
}
