// What `definePlugin` infers for plugin authors, checked by the compiler: `pnpm typecheck` type-checks
// this file (tsconfig.tests.json), so a wrong inference or an accepted mistake fails the build; vitest
// runs it too, where the `expectTypeOf` calls are no-ops.
import { describe, expectTypeOf, it } from "vitest";
import { definePlugin, signatureAuth, tokenAuth, type BuildContext, type FlagValues, type Integration, type IntegrationPlugin } from "./index.js";

describe("definePlugin infers the flag values build receives", () => {
  it("one type per flag kind; required flags and flags with a default are set, the others optional", () => {
    definePlugin({
      name: "acme",
      description: "Acme REST API",
      flags: {
        token: { type: "secret", required: true, description: "secret reference for the API token" },
        webhookSecret: { type: "secret", description: "secret reference for the webhook secret" },
        site: { type: "domain", required: true, description: "the site's host name" },
        baseUrl: { type: "url", description: "the API's base URL" },
        label: { type: "string", default: "acme", description: "a label" },
        timeout: { type: "duration", description: "how long to wait" },
        pageSize: { type: "integer", default: 50, description: "results per page" },
        retries: { type: "integer", description: "how often to retry" },
        sandbox: { type: "boolean", description: "use the sandbox" },
        verbose: { type: "boolean", default: false, description: "log more" },
        region: { type: "enum", values: ["us", "eu"], required: true, description: "the data region" },
        plan: { type: "enum", values: ["free", "pro"], description: "the plan" },
      },
      build(flags, ctx) {
        expectTypeOf(flags.token).toEqualTypeOf<string>();
        expectTypeOf(flags.webhookSecret).toEqualTypeOf<string | undefined>();
        expectTypeOf(flags.site).toEqualTypeOf<string>();
        expectTypeOf(flags.baseUrl).toEqualTypeOf<string | undefined>();
        expectTypeOf(flags.label).toEqualTypeOf<string>();
        expectTypeOf(flags.timeout).toEqualTypeOf<string | undefined>();
        expectTypeOf(flags.pageSize).toEqualTypeOf<number>();
        expectTypeOf(flags.retries).toEqualTypeOf<number | undefined>();
        expectTypeOf(flags.sandbox).toEqualTypeOf<boolean | undefined>();
        expectTypeOf(flags.verbose).toEqualTypeOf<boolean>();
        expectTypeOf(flags.region).toEqualTypeOf<"us" | "eu">();
        expectTypeOf(flags.plan).toEqualTypeOf<"free" | "pro" | undefined>();
        // The host's common --name flag, always set.
        expectTypeOf(flags.name).toEqualTypeOf<string>();
        expectTypeOf(ctx).toEqualTypeOf<BuildContext>();
        expectTypeOf(ctx.integration).toEqualTypeOf<string>();
        // A flag the plugin did not declare.
        expectTypeOf(flags).not.toHaveProperty("signingSecret");
        return { name: flags.name, destination: `https://${flags.site}`, outgoing_auth: [tokenAuth(flags.token)] };
      },
    });
  });

  it("list flags (multiple: true) are arrays of their kind", () => {
    definePlugin({
      name: "acme",
      description: "Acme REST API",
      flags: {
        scopes: { type: "string", multiple: true, required: true, description: "OAuth scopes" },
        secrets: { type: "secret", multiple: true, description: "secret references, one per key" },
        ports: { type: "integer", multiple: true, description: "ports" },
        regions: { type: "enum", values: ["us", "eu"], multiple: true, description: "data regions" },
      },
      build(flags) {
        expectTypeOf(flags.scopes).toEqualTypeOf<string[]>();
        expectTypeOf(flags.secrets).toEqualTypeOf<string[] | undefined>();
        expectTypeOf(flags.ports).toEqualTypeOf<number[] | undefined>();
        expectTypeOf(flags.regions).toEqualTypeOf<("us" | "eu")[] | undefined>();
        return { name: flags.name, destination: "https://api.acme.test" };
      },
    });
  });

  it("FlagValues is the type build receives, exported for helpers written outside definePlugin", () => {
    const flags = { token: { type: "secret", required: true, description: "token" } } as const;
    expectTypeOf<FlagValues<typeof flags>["token"]>().toEqualTypeOf<string>();
    expectTypeOf({ token: "env:ACME_TOKEN", name: "acme" }).toExtend<FlagValues<typeof flags>>();
    expectTypeOf({ name: "acme" }).not.toExtend<FlagValues<typeof flags>>();
  });
});

describe("what definePlugin returns and build must return", () => {
  const slackLike = definePlugin({
    name: "slack-like",
    description: "a Slack look-alike",
    flags: {
      token: { type: "secret", required: true, description: "token" },
      signingSecret: { type: "secret", required: true, description: "signing secret" },
    },
    build: (flags) => ({
      name: flags.name,
      destination: "https://slack.test/api",
      incoming_auth: [signatureAuth("slack_signature", flags.signingSecret)],
      outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })],
    }),
  });

  it("a plugin with apiVersion 1 stamped and its flags kept literally", () => {
    expectTypeOf(slackLike.apiVersion).toEqualTypeOf<1>();
    expectTypeOf(slackLike).toExtend<IntegrationPlugin>();
    expectTypeOf(slackLike.flags.token.type).toEqualTypeOf<"secret">();
    expectTypeOf(slackLike.build).returns.toEqualTypeOf<Integration>();
  });

  it("refuses a build that returns no block, a block without a destination, or a wrong value type", () => {
    definePlugin({
      name: "acme",
      description: "Acme",
      flags: {},
      // @ts-expect-error: build must return an integration block
      build: () => undefined,
    });
    definePlugin({
      name: "acme",
      description: "Acme",
      flags: {},
      // @ts-expect-error: destination is required
      build: (flags) => ({ name: flags.name }),
    });
    definePlugin({
      name: "acme",
      description: "Acme",
      flags: {},
      // @ts-expect-error: in_rate_limit is a number of requests, not text
      build: (flags) => ({ name: flags.name, destination: "https://api.acme.test", in_rate_limit: "50" }),
    });
  });

  it("refuses unknown flag kinds and settings, and a definition without a description", () => {
    definePlugin({
      name: "acme",
      description: "Acme",
      // @ts-expect-error: "number" is not a flag type (integer is)
      flags: { port: { type: "number", description: "port" } },
      build: (flags) => ({ name: flags.name, destination: "https://api.acme.test" }),
    });
    definePlugin({
      name: "acme",
      description: "Acme",
      // @ts-expect-error: an integer flag's default is a number
      flags: { port: { type: "integer", default: "8080", description: "port" } },
      build: (flags) => ({ name: flags.name, destination: "https://api.acme.test" }),
    });
    // @ts-expect-error: description is required
    definePlugin({ name: "acme", flags: {}, build: (flags) => ({ name: flags.name, destination: "https://api.acme.test" }) });
  });
});
