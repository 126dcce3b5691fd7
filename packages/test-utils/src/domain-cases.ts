/**
 * `--domain` values a plugin with a domain flag must accept, each with the destination it must build
 * (the SDK's `normalizeDomain` rules: https unless http is given, no trailing slash), `path` appended
 * (the plugin's API path, e.g. `/api/v4`). For `it.each` in the plugins' own tests.
 */
export function domainCases(path = ""): [domain: string, destination: string][] {
  return [
    ["x.example.com", `https://x.example.com${path}`],
    ["x.example.com/", `https://x.example.com${path}`],
    ["https://x.example.com/", `https://x.example.com${path}`],
    ["http://x.example.com", `http://x.example.com${path}`],
  ];
}
