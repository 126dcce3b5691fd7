import { suggestedReference } from "@integrations/core";

/** What the templates of `plugins new` are filled with. */
export interface Scaffold {
  /** The integration name, the command: `billing`. */
  integration: string;
  /** The package name by the naming convention: `@acme/integrations-plugin-billing`. */
  packageName: string;
  /** The scope with its `@`, when the package is scoped. */
  scope?: string;
  /** The registry to publish to (`publishConfig.registry`), with a trailing slash, when given. */
  registry?: string;
  /** The peer range on the host's SDK: `^<host SDK major>.0.0`. */
  sdkRange: string;
}

/** Dev dependencies of a scaffolded plugin: the versions this workspace builds with (they install and run on Node 20). */
const DEV_DEPENDENCIES = { "@types/node": "^20.19.0", typescript: "7.0.2" } as const;

/** A registry to show in `.npmrc.example` when none was given. */
const PLACEHOLDER_REGISTRY = "https://npm.example.com/";

/** `billing` → `Billing API`, `cost-center` → `Cost Center API`. */
export function serviceTitle(integration: string): string {
  const words = integration.split(/[-_.]+/).filter(Boolean);
  return `${words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(" ")} API`;
}

/** The host the generated plugin points at by default: `billing.acme.internal`, or `billing.example.com` unscoped. */
export function defaultHost(s: Pick<Scaffold, "integration" | "scope">): string {
  return s.scope ? `${s.integration}.${s.scope.slice(1)}.internal` : `${s.integration}.example.com`;
}

/** Every file of a new plugin package: relative path → content. */
export function scaffoldFiles(s: Scaffold): Record<string, string> {
  return {
    "package.json": packageJson(s),
    "tsconfig.json": tsconfig(),
    "src/index.ts": indexTs(s),
    "src/index.test.ts": indexTestTs(s),
    "README.md": readme(s),
    ".gitignore": "node_modules/\ndist/\n*.tgz\n",
    ".npmrc.example": npmrcExample(s),
  };
}

function packageJson(s: Scaffold): string {
  const json = {
    name: s.packageName,
    version: "1.0.0",
    description: `${serviceTitle(s.integration)} (AuthTranslator integration plugin)`,
    type: "module",
    license: "UNLICENSED",
    keywords: ["integrations-plugin", "authtranslator", s.integration],
    exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
    files: ["dist", "!dist/**/*.test.*"],
    engines: { node: ">=20.17" },
    integrationsPlugin: { apiVersion: 1, integrations: [s.integration] },
    scripts: {
      build: "tsc",
      prepare: "npm run build",
      test: "npm run build && node --test dist/index.test.js",
    },
    peerDependencies: { "@integrations/plugin-sdk": s.sdkRange },
    devDependencies: { "@integrations/plugin-sdk": s.sdkRange, ...DEV_DEPENDENCIES },
    // `access` applies to scoped packages only; npm refuses "restricted" for an unscoped one.
    ...(s.scope || s.registry ? { publishConfig: { ...(s.scope ? { access: "restricted" } : {}), ...(s.registry ? { registry: s.registry } : {}) } } : {}),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function tsconfig(): string {
  const json = {
    compilerOptions: {
      target: "ES2023",
      lib: ["ES2023"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      types: ["node"],
      strict: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      declaration: true,
      rootDir: "src",
      outDir: "dist",
    },
    include: ["src"],
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function indexTs(s: Scaffold): string {
  const title = serviceTitle(s.integration);
  const host = defaultHost(s);
  return `import { definePlugin, normalizeDomain, tokenAuth } from "@integrations/plugin-sdk";

/**
 * ${title} (\`https://${host}/api\`, or the host given with \`--domain\`): the proxy signs outgoing
 * calls with the API token as \`Authorization: Bearer …\`.
 *
 * Defaults (template values: replace them with the figures your service documents, and say where
 * they come from in README.md, "Defaults and sources"):
 * - \`out_rate_limit: 60\` per \`rate_limit_window: 1m\`.
 * - \`in_rate_limit: 60\`: equal to the upstream budget, so one caller may use all of it.
 */
export default definePlugin({
  name: ${JSON.stringify(s.integration)},
  description: ${JSON.stringify(title)},
  flags: {
    token: { type: "secret", required: true, description: "secret reference for the API token, e.g. ${suggestedReference(s.integration, "token")}" },
    domain: { type: "domain", description: "the API host, e.g. ${s.integration}.eu.example.com (default: ${host})" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: normalizeDomain(flags.domain ?? ${JSON.stringify(host)}, "/api"),
    in_rate_limit: 60,
    out_rate_limit: 60,
    rate_limit_window: "1m",
    outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })],
  }),
});
`;
}

function indexTestTs(s: Scaffold): string {
  const ref = suggestedReference(s.integration, "token");
  const host = defaultHost(s);
  return `import assert from "node:assert/strict";
import { test } from "node:test";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import plugin from "./index.js";

test("writes a valid block: the default destination, the token as a Bearer header", () => {
  // runPlugin parses the flags as the CLI does and validates the block against the config format.
  const { block } = runPlugin(plugin, ["-token", "${ref}"]);
  assert.deepEqual(block, {
    name: ${JSON.stringify(s.integration)},
    destination: "https://${host}/api",
    in_rate_limit: 60,
    out_rate_limit: 60,
    rate_limit_window: "1m",
    outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["${ref}"] } }],
  });
});

test("--domain sets the destination host, with or without https://", () => {
  for (const domain of ["api.example.net", "https://api.example.net/"]) {
    const { block } = runPlugin(plugin, ["-token", "${ref}", "-domain", domain]);
    assert.equal(block.destination, "https://api.example.net/api");
  }
});

test("names the missing required flag", () => {
  assert.throws(() => runPlugin(plugin, []), /missing required flag --token/);
});

test("refuses a raw token instead of a secret reference", () => {
  assert.throws(() => runPlugin(plugin, ["-token", "sk_live_0123456789abcdefghijklmn"]), /not a secret reference/);
});
`;
}

function readme(s: Scaffold): string {
  const title = serviceTitle(s.integration);
  const host = defaultHost(s);
  const ref = suggestedReference(s.integration, "token");
  const install = s.scope ? `${s.scope}/${s.integration}` : s.integration;
  return `# ${s.packageName}

An \`integrations\` plugin for the **${title}**: it writes an AuthTranslator integration block that
signs outgoing calls with an API token. Build and test it with \`npm install && npm test\`, try it
with \`integrations plugins link .\`, publish it with \`npm publish\` (\`.npmrc.example\` shows the
registry settings), and install it with \`integrations plugins install ${install}\`.

## Destination

\`https://${host}/api\`, or \`https://<domain>/api\` with \`--domain\`.

## Flags

| flag | required | what |
|---|---|---|
| \`--token <ref>\` | yes | secret reference for the API token, e.g. \`${ref}\` |
| \`--domain <domain>\` | no | the API host (default \`${host}\`); \`https://\` is added when missing |

Plus the host's common flags (\`integrations ${s.integration} --help\`).

## Defaults and sources

| key | value | source |
|---|---|---|
| \`out_rate_limit\` / \`rate_limit_window\` | 60 per \`1m\` | template value: replace it with the limit the ${title} documents, and link that page here |
| \`in_rate_limit\` | 60 | equal to the upstream budget, so one caller may use all of it; lower it with \`--in-rate-limit\` to share it |

## Example

\`\`\`sh
integrations ${s.integration} -file config.yaml -token ${ref}
\`\`\`

writes:

\`\`\`yaml
integrations:
  - name: ${s.integration}
    destination: https://${host}/api
    in_rate_limit: 60
    out_rate_limit: 60
    rate_limit_window: 1m
    outgoing_auth:
      - type: token
        params:
          header: Authorization
          prefix: "Bearer "
          secrets:
            - ${ref}
\`\`\`
`;
}

function npmrcExample(s: Scaffold): string {
  const registry = s.registry ?? PLACEHOLDER_REGISTRY;
  const auth = `${registry.replace(/^https?:/, "")}:_authToken=\${NPM_TOKEN}`;
  return [
    "# Copy to .npmrc. npm expands ${NPM_TOKEN} from the environment, so the file holds no secret:",
    "# never write the token itself here. In CI, set NPM_TOKEN from the CI secret store.",
    ...(s.registry ? [] : [`# Replace ${PLACEHOLDER_REGISTRY} with your registry's URL (and set publishConfig.registry in package.json).`]),
    ...(s.scope ? [`${s.scope}:registry=${registry}`] : [`# Unscoped packages publish to publishConfig.registry; install them with --registry ${registry}`]),
    "# The SDK (@integrations/plugin-sdk) through the same registry: it must serve or mirror it.",
    `@integrations:registry=${registry}`,
    auth,
    "",
  ].join("\n");
}
