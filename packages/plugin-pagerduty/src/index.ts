import { definePlugin, tokenAuth } from "@integrations/plugin-sdk";

/**
 * PagerDuty REST API (`https://api.pagerduty.com`): the proxy signs outgoing calls with a REST API key
 * as `Authorization: Token token=…`.
 *
 * Defaults:
 * - `out_rate_limit: 960` per `rate_limit_window: 1m`: PagerDuty's REST API limit, 960 requests per
 *   minute for each account API key, and for each user across all of that user's API keys (the same
 *   figure applies to each app and user OAuth token)
 *   (https://support.pagerduty.com/main/docs/rest-api-rate-limits).
 * - `in_rate_limit: 960`: equal to the upstream budget, so one caller may use all of it; lower it
 *   with `--in-rate-limit` to share it between callers.
 * - `idle_conn_timeout: 10s`: PagerDuty publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "pagerduty",
  description: "PagerDuty REST API",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for the REST API key, e.g. env:PAGERDUTY_TOKEN" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: "https://api.pagerduty.com",
    in_rate_limit: 960,
    out_rate_limit: 960,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.token, { prefix: "Token token=" })],
  }),
});
