import { describe, expect, it } from "vitest";
import { explainNpmFailure, npmFailure } from "./npm-errors.js";
import { proxyFor } from "./proxy.js";

/** A failed npm run as npm 11 prints it with --json: the error object on stdout, the same on stderr with notices and a stack. */
function failed(code: string, summary: string, detail = ""): { code: number; stdout: string; stderr: string } {
  return {
    code: 1,
    stdout: `${JSON.stringify({ error: { code, summary, detail } }, null, 2)}\n`,
    stderr: [
      `npm notice PING http://r/`,
      `npm warn ERESOLVE overriding peer dependency`,
      `npm error code ${code}`,
      `npm error ${summary}`,
      "npm error     at ClientRequest.<anonymous> (/usr/lib/node_modules/npm/x.js:1:1)",
      "npm error A complete log of this run can be found in: /home/u/.npm/_logs/1-debug-0.log",
      "",
    ].join("\n"),
  };
}

describe("npmFailure", () => {
  it("reads npm's --json error object, and its log file", () => {
    expect(npmFailure(failed("E404", "Not Found - GET http://r/x", "The requested resource 'x@^1' could not be found"))).toEqual({
      code: "E404",
      summary: "Not Found - GET http://r/x",
      detail: "The requested resource 'x@^1' could not be found",
      log: "/home/u/.npm/_logs/1-debug-0.log",
    });
  });

  it("without it, the npm error lines: the code, the first line that is not a stack frame; never credentials in URLs", () => {
    const result = { code: 1, stdout: "", stderr: "npm warn x\nnpm error code E401\nnpm error 401 Unauthorized - GET https://ci:tok3n@npm.example/x\nnpm error     at y\n" };
    expect(npmFailure(result)).toMatchObject({ code: "E401", summary: "Unauthorized - GET https://npm.example/x" });
  });
});

describe("explainNpmFailure", () => {
  const registry = { url: "http://127.0.0.1:4873/", from: "--registry" };

  it("a connection npm failed to make to the proxy names the proxy and its setting, not the registry", () => {
    const proxy = proxyFor(registry.url, [], { HTTPS_PROXY: "http://me:pw@127.0.0.1:9" })!;
    const text = explainNpmFailure(failed("ECONNREFUSED", "FetchError: request to http://127.0.0.1:4873/-/ping failed, reason: connect ECONNREFUSED 127.0.0.1:9"), { registry, proxy });
    expect(text).toBe(
      "cannot reach the proxy http://127.0.0.1:9 (HTTPS_PROXY): the connection was refused (npm error ECONNREFUSED); start the proxy or correct HTTPS_PROXY (remove it if no proxy is needed), or add 127.0.0.1 to NO_PROXY to bypass it for this registry",
    );
  });

  it("a registry npm cannot reach without a proxy is the registry's failure", () => {
    const text = explainNpmFailure(failed("ENOTFOUND", "request to http://nohost.invalid/-/ping failed, reason: getaddrinfo ENOTFOUND nohost.invalid"), {
      registry: { url: "http://nohost.invalid/", from: "/p/.npmrc" },
    });
    expect(text).toBe("cannot reach the registry http://nohost.invalid/ (/p/.npmrc): its host name does not resolve (npm error ENOTFOUND); check that the registry runs, its URL and the network");
  });

  it("E404 names the package and registry npm asked, and the fix for the SDK, a scoped and an unscoped dependency", () => {
    const e404 = (what: string, url: string) =>
      explainNpmFailure(failed("E404", `Not Found - GET ${url} - no such package available`, `The requested resource '${what}' could not be found or you do not have permission to access it.`));
    expect(e404("@integrations/plugin-sdk@^1.0.0", "http://r/x/@integrations%2fplugin-sdk")).toMatch(
      /^@integrations\/plugin-sdk@\^1\.0\.0 is not on the registry http:\/\/r\/x\/ \(npm error E404\): the plugin's peer dependency, the SDK, .*@integrations:registry=<url>/,
    );
    expect(e404("@acme/lib@^2", "http://r/@acme%2flib")).toMatch(/^@acme\/lib@\^2 is not on the registry http:\/\/r\/ \(npm error E404\): .*map @acme to the registry that has it/);
    expect(e404("yaml@2.9.1", "http://r/yaml")).toMatch(/^yaml@2\.9\.1 is not on the registry http:\/\/r\/ \(npm error E404\): .*a registry that mirrors the public one/);
  });

  it("any other failure: npm's summary and code, and npm's log, never its notices, warnings or stack", () => {
    const text = explainNpmFailure(failed("EWHATEVER", "something broke"));
    expect(text).toBe("something broke (npm error EWHATEVER); npm's log: /home/u/.npm/_logs/1-debug-0.log");
  });
});

describe("proxyFor: npm's rule", () => {
  it("https-proxy, then proxy (environment npm_config_*, then npmrc); else HTTPS_PROXY for https, and HTTPS_PROXY or HTTP_PROXY for http; NO_PROXY by trailing labels", () => {
    const rc = [{ path: "/home/u/.npmrc", text: "proxy=http://rc-proxy:3128/\n" }];
    expect(proxyFor("https://r.example/", rc, { HTTPS_PROXY: "http://env:1" })).toMatchObject({ origin: "http://rc-proxy:3128", from: "proxy in /home/u/.npmrc" });
    expect(proxyFor("https://r.example/", rc, { npm_config_https_proxy: "http://cfg:2" })).toMatchObject({ origin: "http://cfg:2", from: "npm_config_https_proxy" });
    expect(proxyFor("https://r.example/", [], { HTTP_PROXY: "http://plain:3" })).toBeUndefined();
    expect(proxyFor("http://r.example/", [], { http_proxy: "http://plain:3" })).toMatchObject({ origin: "http://plain:3", from: "http_proxy" });
    expect(proxyFor("https://npm.corp.example/", [], { HTTPS_PROXY: "http://u:p@env:1", NO_PROXY: "localhost, corp.example" })).toBeUndefined();
    expect(proxyFor("https://npm.other.example/", [], { HTTPS_PROXY: "http://u:p@env:1", NO_PROXY: "corp.example" })).toEqual({
      origin: "http://env:1",
      hostname: "env",
      port: "1",
      from: "HTTPS_PROXY",
    });
  });
});
