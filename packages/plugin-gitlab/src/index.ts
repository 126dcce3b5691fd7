import { definePlugin, normalizeDomain, tokenAuth } from "@integrations/plugin-sdk";

/**
 * GitLab REST API (`https://gitlab.com/api/v4`, or `https://<domain>/api/v4` for a self-managed
 * instance): the proxy signs outgoing calls with an access token in the `PRIVATE-TOKEN` header.
 *
 * Defaults:
 * - `out_rate_limit: 2000` per `rate_limit_window: 1m`: GitLab.com's current limit on authenticated
 *   API traffic for a user, 2,000 requests each minute, the same on every plan
 *   (https://docs.gitlab.com/user/gitlab_com/rate_limits/). The per-plan limits that page proposes
 *   are not in effect yet (sustained 5,000 / 15,000 / 25,000 each hour on Free / Premium / Ultimate).
 *   A self-managed instance (`--domain`) has the limits its operator sets; adjust with `--out-rate-limit`.
 * - `in_rate_limit: 2000`: equal to the upstream budget, so one caller may use all of it; lower it
 *   with `--in-rate-limit` to share it between callers.
 * - `idle_conn_timeout: 10s`: GitLab publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "gitlab",
  description: "GitLab REST API",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for a personal, project or group access token (glpat-…), e.g. env:GITLAB_TOKEN" },
    domain: { type: "domain", description: "host name of a self-managed GitLab instance, e.g. gitlab.acme.com (default: gitlab.com)" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: flags.domain === undefined ? "https://gitlab.com/api/v4" : normalizeDomain(flags.domain, "/api/v4"),
    in_rate_limit: 2000,
    out_rate_limit: 2000,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.token, { header: "PRIVATE-TOKEN" })],
  }),
});
