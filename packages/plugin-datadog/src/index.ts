import { definePlugin, tokenAuth } from "@integrations/plugin-sdk";

/**
 * Datadog API (`https://api.datadoghq.com`, or `https://api.<site>` with `--site`): the proxy signs
 * outgoing calls with the API key in `DD-API-KEY` and the application key in `DD-APPLICATION-KEY`.
 *
 * Defaults:
 * - `out_rate_limit: 1000` per `rate_limit_window: 1m`: Datadog publishes no overall figure; its
 *   limits vary by endpoint and are reported in each response's `X-RateLimit-*` headers (metric and
 *   log submission are not rate limited; event submission allows 250,000 events per minute per
 *   organization) (https://docs.datadoghq.com/api/latest/rate-limits/). The built-ins' template value.
 * - `in_rate_limit: 100`: Datadog publishes no figure; the built-ins' template value.
 * - `idle_conn_timeout: 10s`: Datadog publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "datadog",
  description: "Datadog API",
  flags: {
    apiKey: { type: "secret", required: true, description: "secret reference for the API key, e.g. env:DATADOG_API_KEY" },
    appKey: { type: "secret", required: true, description: "secret reference for the application key, e.g. env:DATADOG_APP_KEY" },
    site: { type: "domain", description: "Datadog site, e.g. datadoghq.eu or us5.datadoghq.com (default datadoghq.com); the API is https://api.<site>" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: `https://api.${siteHost(flags.site ?? "datadoghq.com")}`,
    in_rate_limit: 100,
    out_rate_limit: 1000,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.apiKey, { header: "DD-API-KEY" }), tokenAuth(flags.appKey, { header: "DD-APPLICATION-KEY" })],
  }),
});

/** `https://datadoghq.eu/` → `datadoghq.eu`: the site without scheme or trailing `/`. */
function siteHost(site: string): string {
  return site
    .trim()
    .replace(/^https?:\/\//i, "")
    .replace(/\/+$/, "");
}
