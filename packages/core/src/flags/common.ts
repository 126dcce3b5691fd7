import type { Integration } from "../format/schema.js";
import type { FlagSpecs } from "./types.js";
import { toSnakeCase } from "./names.js";

/**
 * The host's common flags, taken by every integration command and applied over what the plugin
 * built (docs/design.md "The command line"). Each maps to the config.yaml key of the same name in snake_case, except the
 * incoming-token pair, which adds a `token` entry to `incoming_auth`.
 */
export const COMMON_FLAGS = {
  name: { type: "string", description: "integration name in config.yaml (default: the integration's name)" },
  destination: { type: "url", description: "override the upstream base URL, e.g. https://api.example.com" },
  inRateLimit: { type: "integer", description: "requests per caller per rate-limit window (0 = unlimited)" },
  outRateLimit: { type: "integer", description: "requests to the upstream per rate-limit window (0 = unlimited)" },
  rateLimitWindow: { type: "duration", description: "rate-limit window, a Go duration such as 1m or 1h" },
  rateLimitStrategy: {
    type: "enum",
    values: ["fixed_window", "token_bucket", "leaky_bucket"],
    description: "how requests are counted against the limits",
  },
  idleConnTimeout: { type: "duration", description: "how long an idle upstream connection is kept, e.g. 90s" },
  tlsHandshakeTimeout: { type: "duration", description: "TLS handshake timeout, e.g. 10s" },
  responseHeaderTimeout: { type: "duration", description: "time to wait for the upstream's response headers, e.g. 30s" },
  tlsInsecureSkipVerify: { type: "boolean", description: "skip upstream certificate checks (development only)" },
  disableKeepAlives: { type: "boolean", description: "open a new upstream connection per request" },
  maxIdleConns: { type: "integer", description: "idle upstream connections kept in total" },
  maxIdleConnsPerHost: { type: "integer", description: "idle upstream connections kept per host" },
  incomingToken: { type: "secret", description: "secret reference callers must present (adds token incoming auth)" },
  incomingHeader: { type: "string", description: "header that carries --incoming-token (default X-Auth)" },
} as const satisfies FlagSpecs;

/** The default header for `--incoming-token`, as in AuthTranslator's own example config. */
export const DEFAULT_INCOMING_HEADER = "X-Auth";

const NOT_A_FIELD = new Set(["incomingToken", "incomingHeader"]);

/** Which common flag set a config.yaml key, for messages: `max_idle_conns` → `maxIdleConns`. */
export function commonFlagForKey(key: string, given: Record<string, unknown>): string | undefined {
  return Object.keys(COMMON_FLAGS).find((flag) => !NOT_A_FIELD.has(flag) && given[flag] !== undefined && toSnakeCase(flag) === key);
}

/**
 * Applies the common flags the user gave (`undefined` = not given) over a block a plugin built,
 * returning a new block. `--incoming-token` appends a `token` entry to `incoming_auth`.
 */
export function applyCommonFlags(block: Integration, given: Record<string, unknown>): Integration {
  const result: Record<string, unknown> = { ...block };
  for (const flag of Object.keys(COMMON_FLAGS)) {
    if (NOT_A_FIELD.has(flag) || given[flag] === undefined) continue;
    result[toSnakeCase(flag)] = given[flag];
  }
  if (typeof given.incomingToken === "string") {
    const entry = {
      type: "token",
      params: { header: given.incomingHeader ?? DEFAULT_INCOMING_HEADER, secrets: [given.incomingToken] },
    };
    result.incoming_auth = [...(block.incoming_auth ?? []), entry];
  }
  return result as Integration;
}
