import { describe, expect, it } from "vitest";
import { registriesIn } from "./npmrc.js";
import { npmRegistryArgs, npmRegistryFlag, registryFor, updatedOrigins, type Layer, type RegistrySettings } from "./registries.js";

const layer = (from: string, text: string): Layer => ({ from, registries: registriesIn(text) });

/** Settings with nothing set but what `over` gives. */
function settings(over: Partial<RegistrySettings> = {}): RegistrySettings {
  return {
    env: [],
    user: layer("/home/u/.npmrc", ""),
    recorded: layer("/data/.npmrc", ""),
    global: layer("/usr/etc/npmrc", ""),
    packages: {},
    packagesFrom: "/data/registries.json",
    ...over,
  };
}

const pick = (name: string, s: RegistrySettings) => {
  const { url, from, origin } = registryFor(name, s);
  return `${url} ${from} ${origin}`;
};

describe("registryFor: the registry npm would use, and what plugins install remembers", () => {
  it("nothing set: npm's default, not recorded", () => {
    expect(pick("integrations-plugin-x", settings())).toBe("https://registry.npmjs.org/ npm's default default");
    expect(npmRegistryFlag("integrations-plugin-x", settings())).toBeUndefined();
  });

  it("--registry, then the environment, then the project's .npmrc: passing settings, recorded for the package", () => {
    const env = [{ from: "npm_config_registry", registries: { registry: "http://env/", scopes: {} } }];
    const project = layer("/p/.npmrc", "registry=http://project/\n");
    expect(pick("x", settings({ flag: "http://flag/", env, project }))).toBe("http://flag/ --registry passing");
    expect(pick("x", settings({ env, project }))).toBe("http://env/ npm_config_registry passing");
    expect(pick("x", settings({ project }))).toBe("http://project/ /p/.npmrc passing");
  });

  it("a package's recorded registry wins over registry= in the user's, plugin directory's and global npmrc, not over a passing setting", () => {
    const stays = { user: layer("/home/u/.npmrc", "registry=http://mirror/\n"), global: layer("/usr/etc/npmrc", "registry=http://global/\n"), packages: { x: "http://private/" } };
    expect(pick("x", settings(stays))).toBe("http://private/ recorded at its install in /data/registries.json recorded");
    expect(pick("y", settings(stays))).toBe("http://mirror/ /home/u/.npmrc config");
    expect(pick("x", settings({ ...stays, flag: "http://flag/" }))).toBe("http://flag/ --registry passing");
    expect(npmRegistryFlag("x", settings(stays))).toBe("http://private/");
  });

  it("a scope's mapping wins over every default registry, --registry too (as in npm); the environment's first, the global npmrc's last", () => {
    const s = settings({
      flag: "http://flag/",
      env: [{ from: "npm_config_@acme:registry", registries: { scopes: { "@acme": "http://env-acme/" } } }],
      project: layer("/p/.npmrc", "@acme:registry=http://project-acme/\n@other:registry=http://project-other/\n"),
      recorded: layer("/data/.npmrc", "@rec:registry=http://recorded/\n"),
      global: layer("/usr/etc/npmrc", "@rec:registry=http://global-rec/\n@glob:registry=http://global/\n"),
    });
    expect(pick("@acme/integrations-plugin-x", s)).toBe("http://env-acme/ npm_config_@acme:registry passing");
    expect(pick("@other/integrations-plugin-x", s)).toBe("http://project-other/ /p/.npmrc passing");
    expect(pick("@rec/integrations-plugin-x", s)).toBe("http://recorded/ /data/.npmrc config");
    expect(pick("@glob/integrations-plugin-x", s)).toBe("http://global/ /usr/etc/npmrc config");
    expect(pick("@none/integrations-plugin-x", s)).toBe("http://flag/ --registry passing");
    // npm is told every mapping and the default registry on its command line, which outranks every npmrc.
    expect(npmRegistryArgs(s, "http://flag/")).toEqual([
      "--@acme:registry=http://env-acme/",
      "--@glob:registry=http://global/",
      "--@other:registry=http://project-other/",
      "--@rec:registry=http://recorded/",
      "--registry=http://flag/",
    ]);
  });

  it("records a passing choice, forgets one a lasting setting made, keeps the record it used", () => {
    const origins = { x: "http://old/" };
    expect(updatedOrigins(origins, "x", { url: "http://new/", from: "--registry", origin: "passing" })).toEqual({ x: "http://new/" });
    expect(updatedOrigins(origins, "x", { url: "http://mirror/", from: "/home/u/.npmrc", origin: "config" })).toEqual({});
    expect(updatedOrigins(origins, "x", { url: "http://old/", from: "recorded", origin: "recorded" })).toBe(origins);
  });
});

describe("registriesIn", () => {
  it("reads registry= and @scope:registry= as npm does (quotes, ${VAR}, comments), skipping values that are not http(s) URLs and keys that are not scopes", () => {
    process.env.REGISTRIES_TEST_HOST = "npm.acme.example";
    const text = [
      "; registry=http://commented/",
      'registry = "https://${REGISTRIES_TEST_HOST}/"',
      "@acme:registry=http://127.0.0.1:4873/",
      "@bad=key:registry=http://x/",
      "@ftp:registry=ftp://x/",
    ].join("\n");
    expect(registriesIn(text)).toEqual({ registry: "https://npm.acme.example/", scopes: { "@acme": "http://127.0.0.1:4873/" } });
  });
});
