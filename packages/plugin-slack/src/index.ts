import { definePlugin, signatureAuth, tokenAuth } from "@integrations/plugin-sdk";

/**
 * Slack Web API (`https://slack.com/api`): the proxy checks Slack's request signature on incoming
 * calls (`slack_signature`) and signs outgoing calls with the bot token as `Authorization: Bearer …`.
 *
 * Defaults:
 * - `out_rate_limit: 50` per `rate_limit_window: 1m`: Slack limits each Web API method by tier
 *   (Tier 1 "1+ per minute" to Tier 4 "100+ per minute"); 50 is Tier 3, "50+ per minute", the middle
 *   tier (https://docs.slack.dev/apis/web-api/rate-limits).
 * - `in_rate_limit: 50`: equal to the upstream budget, so one caller may use all of it; lower it
 *   with `--in-rate-limit` to share it between callers.
 * - `idle_conn_timeout: 10s`: Slack publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "slack",
  description: "Slack Web API",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for the bot token (xoxb-…), e.g. env:SLACK_TOKEN" },
    signingSecret: { type: "secret", required: true, description: "secret reference for the app's signing secret, e.g. env:SLACK_SIGNING_SECRET" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: "https://slack.com/api",
    in_rate_limit: 50,
    out_rate_limit: 50,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    incoming_auth: [signatureAuth("slack_signature", flags.signingSecret)],
    outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })],
  }),
});
