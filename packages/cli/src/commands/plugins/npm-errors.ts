import { SDK_PACKAGE } from "../../discovery/compat.js";
import type { NpmResult } from "./npm-result.js";
import type { ProxyInEffect } from "./proxy.js";

/** What npm said went wrong: its error code and first line, from its `--json` error object or its `npm error` lines. */
export interface NpmFailure {
  /** npm's code: `E404`, `ECONNREFUSED`, `ETARGET`, `ERESOLVE`…; undefined when npm gave none. */
  code?: string;
  /** npm's summary, one line, credentials in URLs removed. */
  summary: string;
  /** npm's detail, credentials in URLs removed. */
  detail: string;
  /** The log file npm wrote for the run, when it names one. */
  log?: string;
}

/** What a failure is explained against: the registry asked and the proxy on the way to it, when known. */
export interface FailureContext {
  registry?: { url: string; from: string };
  proxy?: ProxyInEffect;
}

/** Codes of a connection that could not be made or was lost. */
const CONNECTION = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ESOCKETTIMEDOUT", "ERR_SOCKET_TIMEOUT", "EPIPE"]);
/** Codes of a TLS certificate npm does not trust. */
const CERTIFICATE = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID)$/;

const withoutCredentials = (text: string) => text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, "$1");

/** Reads npm's error from a failed run (`--json` puts an `{ "error": … }` object on stdout; the `npm error` lines on stderr say the same). */
export function npmFailure(result: NpmResult): NpmFailure {
  const log = /A complete log of this run can be found in:\s*(\S+)/.exec(result.stderr)?.[1];
  return { ...readFailure(result), ...(log ? { log } : {}) };
}

function readFailure(result: NpmResult): NpmFailure {
  const json = /\{\s*"error"\s*:[\s\S]*\}\s*$/.exec(result.stdout)?.[0];
  if (json) {
    try {
      const { error } = JSON.parse(json) as { error?: { code?: unknown; summary?: unknown; detail?: unknown } };
      if (error && (typeof error.summary === "string" || typeof error.code === "string")) {
        return {
          ...(typeof error.code === "string" && error.code ? { code: error.code } : {}),
          summary: withoutCredentials(firstLine(String(error.summary ?? ""))),
          detail: withoutCredentials(String(error.detail ?? "")),
        };
      }
    } catch {
      // not npm's error object: read stderr
    }
  }
  const lines = result.stderr
    .split("\n")
    .filter((line) => /^npm (error|ERR!)/.test(line))
    .map((line) => line.replace(/^npm (error|ERR!)\s*/, ""));
  const code = lines.map((line) => /^code (\S+)$/.exec(line)?.[1]).find(Boolean);
  const summary = lines.find((line) => line.trim() && !/^(code|errno|syscall) |^A complete log|^Log files|^\s+at |^\d{3}\s*$/.test(line)) ?? `npm exited with ${result.code}`;
  return { ...(code ? { code } : {}), summary: withoutCredentials(summary.replace(/^\d{3}\s+/, "").trim()), detail: withoutCredentials(lines.join("\n")) };
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find(Boolean) ?? ""
  );
}

/**
 * One line for a failed npm run: npm's own code (`npm error E404`), what it means here, and the fix.
 * A connection to a proxy that fails is reported as the proxy's failure (named by its origin and
 * setting, never its credentials); npm's notices, warnings and stack frames never appear.
 */
export function explainNpmFailure(result: NpmResult, context: FailureContext = {}): string {
  const failure = npmFailure(result);
  const code = failure.code ?? "";
  const tag = `npm error ${code || `(exit ${result.code})`}`;
  const registry = context.registry ? `the registry ${context.registry.url} (${context.registry.from})` : "the registry";
  if (CONNECTION.has(code)) {
    const proxy = context.proxy;
    // npm names the address it failed to connect to: the proxy's, unless it names the registry's.
    if (proxy && (names(failure, proxy.hostname, proxy.port) || !context.registry || !names(failure, ...hostAndPort(context.registry.url)))) {
      const bypass = context.registry ? `, or add ${new URL(context.registry.url).hostname} to NO_PROXY to bypass it for this registry` : "";
      return `cannot reach the proxy ${proxy.origin} (${proxy.from}): ${connectionProblem(code)} (${tag}); start the proxy or correct ${proxy.from} (remove it if no proxy is needed)${bypass}`;
    }
    return `cannot reach ${registry}: ${connectionProblem(code)} (${tag}); check that the registry runs, its URL and the network`;
  }
  if (code === "E404") return notFound(failure, tag);
  if (code === "E401" || code === "E403" || code === "ENEEDAUTH") {
    const url = context.registry?.url ?? registryIn(failure.summary) ?? "<registry>";
    return `${registry} refused access: ${failure.summary} (${tag}); log in with npm login --registry=${url}, or add its //${url.replace(/^https?:\/\//, "")}:_authToken line to ~/.npmrc`;
  }
  if (code === "ETARGET") return `${failure.summary.replace(/\.$/, "")} (${tag}); see the published versions with npm view <package> versions`;
  if (CERTIFICATE.test(code)) {
    return `${registry} presents a TLS certificate npm does not trust: ${failure.summary} (${tag}); give npm your CA bundle (cafile=/path/to/ca.pem in ~/.npmrc, or NODE_EXTRA_CA_CERTS)`;
  }
  const log = failure.log ? `; npm's log: ${failure.log}` : "";
  if (code === "ERESOLVE") return `${failure.summary} (${tag}): a peer dependency range of the plugin conflicts with a package the user plugin directory holds${log}`;
  return `${failure.summary || "npm failed"} (${tag})${log}`;
}

/** Whether npm's error names `hostname:port` as the address it failed at (`connect ECONNREFUSED 127.0.0.1:9`, `getaddrinfo ENOTFOUND proxy.corp`). */
function names(failure: NpmFailure, hostname: string, port: string): boolean {
  const host = hostname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(connect [A-Z]+ \\[?${host}\\]?:${port}|(ENOTFOUND|EAI_AGAIN) ${host})(?![\\w.:-])`).test(`${failure.summary}\n${failure.detail}`);
}

function hostAndPort(url: string): [string, string] {
  const parsed = new URL(url);
  return [parsed.hostname.replace(/^\[|\]$/g, ""), parsed.port || (parsed.protocol === "https:" ? "443" : "80")];
}

function connectionProblem(code: string): string {
  switch (code) {
    case "ECONNREFUSED":
      return "the connection was refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "its host name does not resolve";
    case "ECONNRESET":
    case "EPIPE":
      return "the connection was closed";
    default:
      return "no answer in time";
  }
}

/** The registry URL in npm's `GET <registry><package>` summary. */
function registryIn(summary: string): string | undefined {
  return /GET (https?:\/\/\S+?\/)(?:@[^/\s]+%2[fF])?[^/\s]+(?:\s|$)/.exec(summary)?.[1];
}

/** E404: which package (npm's "requested resource"), on which registry, and how to get it found. */
function notFound(failure: NpmFailure, tag: string): string {
  const wanted = /requested resource '([^']+)'/.exec(failure.detail)?.[1];
  const registry = registryIn(failure.summary);
  const what = `${wanted ?? failure.summary} is not on ${registry ? `the registry ${registry}` : "the registry asked"}`;
  const name = wanted?.replace(/(.)@.*$/, "$1");
  const scope = name?.startsWith("@") ? name.slice(0, name.indexOf("/")) : undefined;
  if (name === SDK_PACKAGE) {
    return `${what} (${tag}): the plugin's peer dependency, the SDK, must come from a registry that has it; map its scope to one (@integrations:registry=<url> in .npmrc) or use a registry that mirrors the public one`;
  }
  const fix = scope
    ? `map ${scope} to the registry that has it (${scope}:registry=<url> in .npmrc), or publish it there`
    : "publish it there, use a registry that mirrors the public one, or map only your own scopes to this one (@acme:registry=<url> in .npmrc)";
  return `${what} (${tag}): the plugin needs it (directly or through a dependency) and npm looks for it there; ${fix}`;
}
