import type { AuthEntry } from "@integrations/core";

/** Options of a `token` auth entry. */
export interface TokenAuthOptions {
  /** The header that carries the token. @default "Authorization" */
  header?: string;
  /** Text before the token, trailing space included (`"Bearer "`, `"token "`, `"SSWS "`). Omitted when undefined. */
  prefix?: string;
}

/**
 * A `token` auth entry (incoming or outgoing): `{ type: "token", params: { header, prefix?, secrets: [secret] } }`.
 * `secret` is a secret reference such as `env:SLACK_TOKEN` (docs/config-format.md "Secret references").
 */
export function tokenAuth(secret: string, options: TokenAuthOptions = {}): AuthEntry {
  const params: Record<string, unknown> = { header: options.header ?? "Authorization" };
  if (options.prefix !== undefined) params.prefix = options.prefix;
  params.secrets = [secret];
  return { type: "token", params };
}

/** A `basic` auth entry whose secret reference resolves to `user:password`: `{ type: "basic", params: { secrets: [secret] } }`. */
export function basicAuth(secret: string): AuthEntry {
  return { type: "basic", params: { secrets: [secret] } };
}

/** Incoming signature checks that take only a secret, with the proxy's default headers. */
export type SignatureType = "slack_signature" | "github_signature" | "twilio_signature" | "hmac_signature";

/**
 * An incoming signature-check entry: `{ type, params: { secrets: [secret] } }`, e.g. Slack's signing
 * secret or a GitHub webhook secret. The proxy's defaults apply to the headers (docs/config-format.md "Auth types and their params").
 */
export function signatureAuth(type: SignatureType, secret: string): AuthEntry {
  return { type, params: { secrets: [secret] } };
}
