import { definePlugin, tokenAuth } from "@integrations/plugin-sdk";

/**
 * OpenAI API (`https://api.openai.com`): the proxy signs outgoing calls with the API key as
 * `Authorization: Bearer …`.
 *
 * Defaults:
 * - `out_rate_limit: 1000` per `rate_limit_window: 1m`: OpenAI publishes no single request budget:
 *   its limits (requests and tokens per minute and per day) are set per model and per usage tier of
 *   the organization (https://developers.openai.com/api/docs/guides/rate-limits); the built-ins'
 *   template value.
 * - `in_rate_limit: 100`: the built-ins' template value.
 * - `idle_conn_timeout: 10s`: OpenAI publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "openai",
  description: "OpenAI API",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for the API key (sk-…), e.g. env:OPENAI_TOKEN" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: "https://api.openai.com",
    in_rate_limit: 100,
    out_rate_limit: 1000,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })],
  }),
});
