import { definePlugin, normalizeDomain, signatureAuth, tokenAuth } from "@integrations/plugin-sdk";

/**
 * GitHub Enterprise Server REST API (`https://<domain>/api/v3`): the proxy checks GitHub's webhook
 * signature on incoming calls (`github_signature`) and signs outgoing calls as `Authorization: token …`.
 *
 * Defaults:
 * - `out_rate_limit: 1000` per `rate_limit_window: 1m`: GitHub Enterprise Server publishes no figure:
 *   its rate limits are disabled by default and each instance's site administrator sets them
 *   (https://docs.github.com/en/enterprise-server@latest/rest/using-the-rest-api/rate-limits-for-the-rest-api);
 *   the built-ins' template value.
 * - `in_rate_limit: 100`: GitHub publishes no figure; the built-ins' template value.
 * - `idle_conn_timeout: 10s`: GitHub publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "ghe",
  description: "GitHub Enterprise Server REST API and webhooks",
  flags: {
    domain: { type: "domain", required: true, description: "host name of the GitHub Enterprise Server instance, e.g. github.acme.com" },
    token: { type: "secret", required: true, description: "secret reference for the API token, e.g. env:GHE_TOKEN" },
    webhookSecret: { type: "secret", required: true, description: "secret reference for the webhook secret, e.g. env:GHE_WEBHOOK_SECRET" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: normalizeDomain(flags.domain, "/api/v3"),
    in_rate_limit: 100,
    out_rate_limit: 1000,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    incoming_auth: [signatureAuth("github_signature", flags.webhookSecret)],
    outgoing_auth: [tokenAuth(flags.token, { prefix: "token " })],
  }),
});
