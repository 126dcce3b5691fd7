import { npmrcSettings } from "./npmrc.js";

/** The proxy npm goes through for a URL, and the setting that names it (`HTTPS_PROXY`, `https-proxy in /home/u/.npmrc`). */
export interface ProxyInEffect {
  /** The proxy's origin, `http://host:port`: never the user name or password the setting may carry. */
  origin: string;
  hostname: string;
  port: string;
  from: string;
}

/** The npmrc texts npm reads, highest precedence first, with their paths. */
export type NpmrcTexts = readonly { path: string; text: string }[];

/**
 * The proxy npm uses for `target` (@npmcli/agent's rule): the `https-proxy`, else the `proxy`
 * setting (environment `npm_config_*`, then the npmrc files); else, from the environment (any
 * case), `https_proxy` for an https URL, and `https_proxy`, `http_proxy` or `proxy` for an http one;
 * none when the target's host is in `noproxy` (the setting, else `NO_PROXY`).
 */
export function proxyFor(target: string, npmrcs: NpmrcTexts, env: NodeJS.ProcessEnv = process.env): ProxyInEffect | undefined {
  const url = new URL(target);
  const setting = (key: string): { value: string; from: string } | undefined => {
    const fromEnv = lastEnv(
      env,
      (name) =>
        /^npm_config_/i.test(name) &&
        name
          .slice(11)
          .replace(/(?!^)_/g, "-")
          .toLowerCase() === key,
    );
    if (fromEnv) return fromEnv;
    for (const { path, text } of npmrcs) {
      const value = npmrcSettings(text, env).get(key);
      if (value) return { value, from: `${key} in ${path}` };
    }
    return undefined;
  };
  const plain = (name: string) => lastEnv(env, (key) => key.toLowerCase() === name);
  const proxy = setting("https-proxy") ?? setting("proxy") ?? (url.protocol === "https:" ? plain("https_proxy") : (plain("https_proxy") ?? plain("http_proxy") ?? plain("proxy")));
  if (!proxy || !URL.canParse(proxy.value)) return undefined;
  const noProxy = setting("noproxy")?.value ?? plain("no_proxy")?.value ?? "";
  if (isNoProxy(url.hostname, noProxy)) return undefined;
  const parsed = new URL(proxy.value);
  const port = parsed.port || (parsed.protocol === "https:" ? "443" : "80");
  return { origin: `${parsed.protocol}//${parsed.host}`, hostname: parsed.hostname.replace(/^\[|\]$/g, ""), port, from: proxy.from };
}

/** The last variable (in the environment's order, as npm reads it) whose name matches and whose value is set. */
function lastEnv(env: NodeJS.ProcessEnv, matches: (name: string) => boolean): { value: string; from: string } | undefined {
  let found: { value: string; from: string } | undefined;
  for (const [name, value] of Object.entries(env)) if (value && matches(name)) found = { value, from: name };
  return found;
}

/** npm's `noproxy` match: a comma-separated list of domains, each matching a host by its trailing labels. */
function isNoProxy(hostname: string, list: string): boolean {
  const host = hostname.split(".").reverse();
  return list
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .some((entry) => {
      const labels = entry.split(".").filter(Boolean).reverse();
      return labels.length > 0 && labels.every((label, i) => host[i] === label);
    });
}
