import { definePlugin, tokenAuth } from "@integrations/plugin-sdk";

/**
 * Twilio SendGrid Web API v3 (`https://api.sendgrid.com`): the proxy signs outgoing calls with the
 * API key as `Authorization: Bearer …`.
 *
 * Defaults:
 * - `out_rate_limit: 1000` per `rate_limit_window: 1m`: SendGrid publishes no figure: each endpoint
 *   has its own number of requests per refresh period, reported only in `X-RateLimit-*` response
 *   headers (https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/rate-limits);
 *   the built-ins' template value.
 * - `in_rate_limit: 100`: the built-ins' template value.
 * - `idle_conn_timeout: 10s`: SendGrid publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "sendgrid",
  description: "Twilio SendGrid Web API v3",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for the API key (SG.…), e.g. env:SENDGRID_TOKEN" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: "https://api.sendgrid.com",
    in_rate_limit: 100,
    out_rate_limit: 1000,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })],
  }),
});
