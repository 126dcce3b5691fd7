/** The fields of one `integrations list --json` row that the tests check (the CLI adds `description`). */
export interface ListRow {
  integration: string;
  package: string;
  version: string | null;
  source: string;
  status: string;
  cause: string | null;
  path: string;
}

export const LIST_ROW_KEYS = ["integration", "package", "version", "source", "status", "cause", "path"] as const;

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
