import { definePlugin, signatureAuth, tokenAuth } from "@integrations/plugin-sdk";

/**
 * GitHub REST API (`https://api.github.com`): the proxy checks GitHub's webhook signature on incoming
 * calls (`github_signature`) and signs outgoing calls as `Authorization: token …`.
 *
 * Defaults:
 * - `out_rate_limit: 5000` per `rate_limit_window: 1h`: GitHub's primary rate limit for requests
 *   authenticated with a personal access token, 5,000 per hour
 *   (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api).
 * - `in_rate_limit: 5000`: equal to the upstream budget, so one caller may use all of it; lower it
 *   with `--in-rate-limit` to share it between callers.
 * - `idle_conn_timeout: 10s`: GitHub publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "github",
  description: "GitHub REST API and webhooks",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for the API token, e.g. env:GITHUB_TOKEN" },
    webhookSecret: { type: "secret", required: true, description: "secret reference for the webhook secret, e.g. env:GITHUB_WEBHOOK_SECRET" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: "https://api.github.com",
    in_rate_limit: 5000,
    out_rate_limit: 5000,
    rate_limit_window: "1h",
    idle_conn_timeout: "10s",
    incoming_auth: [signatureAuth("github_signature", flags.webhookSecret)],
    outgoing_auth: [tokenAuth(flags.token, { prefix: "token " })],
  }),
});
