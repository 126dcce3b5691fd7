/**
 * Builds a destination from a `--domain` value (a host, with or without a scheme): prepends `https://`
 * when no `http://` or `https://` scheme is given, drops trailing `/`, then appends `suffix`.
 *
 * @example
 * normalizeDomain("acme.okta.com", "/api/v1")          // "https://acme.okta.com/api/v1"
 * normalizeDomain("https://acme.okta.com/", "/api/v1") // "https://acme.okta.com/api/v1"
 */
export function normalizeDomain(domain: string, suffix = ""): string {
  const trimmed = domain.trim().replace(/\/+$/, "");
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  return `${withScheme}${suffix}`;
}
