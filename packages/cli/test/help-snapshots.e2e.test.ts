// Every --help text, pinned as it reads today, so that a change to the CLI's insides that changes a
// word or a line break of its help shows here. Run through the launcher in a temp dir with the
// built-ins only; the width is commander's 80 columns when stdout is not a terminal (COLUMNS is set
// too, so a terminal's width in the environment cannot reach it); an integration's help names its
// plugin's version, which is replaced.
import { beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, startCli } from "@integrations/test-utils";

/** The command lines whose help is pinned here: every command and subcommand of the root's --help, and one integration. */
const COMMANDS = [
  [],
  ["update"],
  ["delete"],
  ["list"],
  ["validate"],
  ["help"],
  ["plugins"],
  ["plugins", "install"],
  ["plugins", "uninstall"],
  ["plugins", "update"],
  ["plugins", "link"],
  ["plugins", "new"],
  ["plugins", "inspect"],
  ["doctor"],
  ["schema"],
  ["completion"],
  ["snapshot"],
  ["snapshot", "build"],
  ["snapshot", "status"],
  ["slack"],
] as const;

/** `integrations <words> --help`'s stdout; any other outcome fails the test with what happened. */
async function helpOf(words: readonly string[], cwd: string): Promise<string> {
  const result = await startCli([...words, "--help"], { cwd, env: { COLUMNS: "80" } }).done;
  expect({ code: result.code, stderr: result.stderr }, words.join(" ")).toEqual({ code: 0, stderr: "" });
  return result.stdout.replace(/@\d+\.\d+\.\d+\S*/g, "@<version>");
}

const texts = new Map<string, string>();

beforeAll(async () => {
  const cwd = makeTempDir();
  // Independent runs: started together so that the file takes about as long as its slowest run.
  const all = await Promise.all(COMMANDS.map(async (words) => [words.join(" "), await helpOf(words, cwd)] as const));
  for (const [key, text] of all) texts.set(key, text);
});

/** The help text of `integrations <words> --help`, run in beforeAll. */
const help = (words: string): string => texts.get(words) ?? expect.fail(`no help run for "${words}"`);

/** The command names in a help text's `Commands:` section, without commander's own `help` subcommand. */
function commandsIn(text: string): string[] {
  const section = text.split(/\n(?=\S)/).find((block) => block.startsWith("Commands:")) ?? "";
  return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((name) => name !== "help");
}

describe("help texts, pinned", () => {
  it("covers every command the help texts list", () => {
    const listed = [...texts.keys()].flatMap((words) => commandsIn(help(words)).map((name) => (words ? `${words} ${name}` : name)));
    expect(listed.filter((words) => !texts.has(words))).toEqual([]);
  });

  it("integrations --help", () => {
    expect(help("")).toMatchInlineSnapshot(`
      "Usage: integrations [-file config.yaml] <integration> [flags]
             integrations <command> [options]

      Stamp ready-to-run AuthTranslator integration blocks into config.yaml, from
      built-in and npm plugins.

      Options:
        -V, --version                   print the version (also -v)
        --file <path>                   config.yaml to edit (default:
                                        $INTEGRATIONS_FILE, the CLI config's file, or
                                        config.yaml)
        --plugin <path|package>         also load the plugin in that directory or
                                        package (repeatable; before the project's)
        --no-plugins                    run with the built-in plugins only: no
                                        project, user, global or --plugin plugin is
                                        listed or imported (also
                                        INTEGRATIONS_NO_PLUGINS=1)
        --debug                         print stack traces on errors
        --quiet                         print no success messages and no warnings
                                        (errors and requested output still print)
        -h, --help                      show this help

      Commands:
        update [options] <integration>  update the block this integration writes
                                        (named by --name, default the integration's
                                        name) in place, its own lines only; [flags] as
                                        for the integration
        delete [options] <name>         remove the integration of that name (matched
                                        case-insensitively): only its lines
        list [options]                  list the discovered integration plugins with
                                        package, version, source and status
        validate [options]              the proxy's verdict on the whole config file:
                                        exit 1 on an error (the proxy refuses it, or a
                                        value can never work), or on a warning with
                                        --strict
        help [integration]              show help for the CLI or for one integration
        plugins                         install, update, link and inspect integration
                                        plugins (the user plugin directory)
        doctor [options]                show what the CLI sees: Node, config file,
                                        discovery sources, plugin statuses, npm
                                        registries
        schema [options]                print the JSON Schema (draft 2020-12) of
                                        config.yaml, with field descriptions, for
                                        editors
        completion <shell>              print the shell completion script (commands,
                                        integrations and their flags) for bash, zsh or
                                        fish
        snapshot                        make or check the start-up snapshot that lets
                                        the CLI start faster (made at install time
                                        where install scripts run)

      Integrations (integrations <integration> --help for its flags):
        asana       Asana REST API
        confluence  Confluence Cloud REST API, on api.atlassian.com or your site
        datadog     Datadog API, on any Datadog site
        gdrive      Google Drive API v3, with the proxy's Google Cloud service account
        ghe         GitHub Enterprise Server REST API, with webhook signatures
        github      GitHub REST API, with webhook signatures
        gitlab      GitLab REST API
        jira        Jira Cloud REST API, on api.atlassian.com or your site
        linear      Linear GraphQL API
        monday      monday.com platform API
        okta        Okta Management API
        openai      OpenAI API
        pagerduty   PagerDuty REST API
        sendgrid    Twilio SendGrid Web API v3
        servicenow  ServiceNow REST API
        slack       Slack Web API, with Slack request signatures
        stripe      Stripe API
        trufflehog  TruffleHog API
        twilio      Twilio REST API, with HTTP basic auth
        workday     Workday REST API
        zendesk     Zendesk Support API

      Examples:
        integrations slack -file config.yaml -token env:SLACK_TOKEN -signing-secret env:SLACK_SIGNING_SECRET
        integrations github --token env:GITHUB_TOKEN --webhook-secret env:GITHUB_WEBHOOK_SECRET --dry-run
        integrations update slack -token env:SLACK_TOKEN -signing-secret env:SLACK_SIGNING_SECRET --rate-limit-window 30s
        integrations delete slack
        integrations validate --json
        integrations list --configured

      "
    `);
  });

  it("integrations update --help", () => {
    expect(help("update")).toMatchInlineSnapshot(`
      "Usage: integrations update [options] <integration>

      update the block this integration writes (named by --name, default the
      integration's name) in place, its own lines only; [flags] as for the integration

      Options:
        --add                    append the block when no block has that name (without
                                 it, that is an error naming the closest names)
        --replace                replace the whole block, dropping keys added by hand
                                 (also overwrites a block another integration wrote)
        --no-input               never ask for missing required flags; fail with exit
                                 2
        --dry-run                print the diff instead of writing
        --json                   print the result as JSON
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Examples:
        integrations update slack -token env:SLACK_TOKEN -signing-secret env:SLACK_SIGNING_SECRET --rate-limit-window 30s
        integrations update github --token env:GITHUB_TOKEN --webhook-secret env:GITHUB_WEBHOOK_SECRET --replace --dry-run

      "
    `);
  });

  it("integrations delete --help", () => {
    expect(help("delete")).toMatchInlineSnapshot(`
      "Usage: integrations delete [options] <name>

      remove the integration of that name (matched case-insensitively): only its lines

      Options:
        --dry-run                print the diff instead of writing
        --json                   print the result as JSON
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Examples:
        integrations delete slack -file config.yaml
        integrations delete github --dry-run

      "
    `);
  });

  it("integrations list --help", () => {
    expect(help("list")).toMatchInlineSnapshot(`
      "Usage: integrations list [options]

      list the discovered integration plugins with package, version, source and status

      Options:
        --configured             list the integrations in the config file instead
                                 (name and destination)
        --check                  also import each plugin and report the ones that fail
                                 to load (runs their code)
        --json                   print the list as JSON
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Examples:
        integrations list
        integrations list --check --json
        integrations list --configured -file config.yaml

      "
    `);
  });

  it("integrations validate --help", () => {
    expect(help("validate")).toMatchInlineSnapshot(`
      "Usage: integrations validate [options]

      the proxy's verdict on the whole config file: exit 1 on an error (the proxy
      refuses it, or a value can never work), or on a warning with --strict

      Options:
        --json                     print the findings as JSON
        --strict                   fail (exit 1) on warnings too, e.g. in CI
        --env                      also check that every env: and file: secret
                                   reference resolves here (names and paths are
                                   printed, never values)
        --allow-dangerous-literal  accept dangerousLiteral: secret references (with a
                                   warning)
        -h, --help                 show this help

      Global Options:
        -V, --version              print the version (also -v)
        --file <path>              config.yaml to edit (default: $INTEGRATIONS_FILE,
                                   the CLI config's file, or config.yaml)
        --plugin <path|package>    also load the plugin in that directory or package
                                   (repeatable; before the project's)
        --no-plugins               run with the built-in plugins only: no project,
                                   user, global or --plugin plugin is listed or
                                   imported (also INTEGRATIONS_NO_PLUGINS=1)
        --debug                    print stack traces on errors
        --quiet                    print no success messages and no warnings (errors
                                   and requested output still print)

      Examples:
        integrations validate -file config.yaml
        integrations validate --strict --env
        integrations validate --json

      "
    `);
  });

  it("integrations help --help", () => {
    expect(help("help")).toMatchInlineSnapshot(`
      "Usage: integrations help [options] [integration]

      show help for the CLI or for one integration

      Options:
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Examples:
        integrations help
        integrations help slack

      "
    `);
  });

  it("integrations plugins --help", () => {
    expect(help("plugins")).toMatchInlineSnapshot(`
      "Usage: integrations plugins [options] [command]

      install, update, link and inspect integration plugins (the user plugin
      directory)

      Options:
        -h, --help                   show this help

      Global Options:
        -V, --version                print the version (also -v)
        --file <path>                config.yaml to edit (default: $INTEGRATIONS_FILE,
                                     the CLI config's file, or config.yaml)
        --plugin <path|package>      also load the plugin in that directory or package
                                     (repeatable; before the project's)
        --no-plugins                 run with the built-in plugins only: no project,
                                     user, global or --plugin plugin is listed or
                                     imported (also INTEGRATIONS_NO_PLUGINS=1)
        --debug                      print stack traces on errors
        --quiet                      print no success messages and no warnings (errors
                                     and requested output still print)

      Commands:
        install [options] <spec...>  install plugins from a registry (shorthand demo →
                                     integrations-plugin-demo), a tarball, a git URL
                                     or a local path
        uninstall [options] <name>   remove an installed plugin (or forget a linked
                                     one), named by integration, package or shorthand;
                                     it is no longer trusted
        update [options] [name]      update one installed plugin (by integration,
                                     package or shorthand), or all, within their saved
                                     version ranges, from the registries they came
                                     from
        link [options] <dir>         use a built plugin directory in place (a rebuild
                                     is seen on the next run)
        new [options] <name>         scaffold a plugin package (manifest, typed flags,
                                     a test, README, publishConfig) into a new or
                                     empty directory
        inspect [options] <name>     show a plugin's package, version, path, source,
                                     SDK range, apiVersion, status and flags
        help [command]               display help for command

      Examples:
        integrations plugins install @acme/demo
        integrations plugins inspect demo
        integrations plugins install --help

      "
    `);
  });

  it("integrations plugins install --help", () => {
    expect(help("plugins install")).toMatchInlineSnapshot(`
      "Usage: integrations plugins install [options] <spec...>

      install plugins from a registry (shorthand demo → integrations-plugin-demo), a
      tarball, a git URL or a local path

      Options:
        --registry <url>         the registry to install from (a scoped package
                                 follows its scope's registry when one is set, as in
                                 npm); remembered for update and uninstall
        --trust                  trust it to run in process, with your permissions
                                 (recorded in the user plugin directory's trust.json);
                                 without it, it runs sandboxed
        --verify-signatures      refuse packages without valid registry signatures
                                 (npm audit signatures); the CLI config's
                                 verifySignatures: true does it always
        --json                   print the result as JSON
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Examples:
        integrations plugins install demo
        integrations plugins install @acme/demo@^1.2
        integrations plugins install ./my-plugin-1.0.0.tgz
        integrations plugins install --trust @acme/demo

      "
    `);
  });

  it("integrations plugins uninstall --help", () => {
    expect(help("plugins uninstall")).toMatchInlineSnapshot(`
      "Usage: integrations plugins uninstall [options] <name>

      remove an installed plugin (or forget a linked one), named by integration,
      package or shorthand; it is no longer trusted

      Options:
        --json                   print the result as JSON
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Examples:
        integrations plugins uninstall @acme/demo
        integrations plugins uninstall demo

      "
    `);
  });

  it("integrations plugins update --help", () => {
    expect(help("plugins update")).toMatchInlineSnapshot(`
      "Usage: integrations plugins update [options] [name]

      update one installed plugin (by integration, package or shorthand), or all,
      within their saved version ranges, from the registries they came from

      Options:
        --registry <url>         the registry to update from instead (for unscoped
                                 packages, and scoped ones whose scope has no registry
                                 set); remembered
        --verify-signatures      refuse packages without valid registry signatures
                                 (npm audit signatures); the CLI config's
                                 verifySignatures: true does it always
        --json                   print the result as JSON
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Examples:
        integrations plugins update
        integrations plugins update demo
        integrations plugins update demo --registry https://npm.acme.example/

      "
    `);
  });

  it("integrations plugins link --help", () => {
    expect(help("plugins link")).toMatchInlineSnapshot(`
      "Usage: integrations plugins link [options] <dir>

      use a built plugin directory in place (a rebuild is seen on the next run)

      Options:
        --trust                  trust it to run in process, with your permissions
                                 (recorded in the user plugin directory's trust.json);
                                 without it, it runs sandboxed
        --json                   print the result as JSON
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Examples:
        integrations plugins link ./my-plugin
        integrations plugins link --trust ./my-plugin

      "
    `);
  });

  it("integrations plugins new --help", () => {
    expect(help("plugins new")).toMatchInlineSnapshot(`
      "Usage: integrations plugins new [options] <name>

      scaffold a plugin package (manifest, typed flags, a test, README, publishConfig)
      into a new or empty directory

      Options:
        --scope <scope>          the npm scope: @acme →
                                 @acme/integrations-plugin-<name>
        --dir <path>             where to write it (default:
                                 ./integrations-plugin-<name>)
        --registry <url>         the registry to publish to (publishConfig.registry,
                                 .npmrc.example)
        --json                   print the result as JSON
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Examples:
        integrations plugins new billing --scope @acme
        integrations plugins new billing --scope @acme --registry https://npm.acme.example/ --dir ./billing-plugin

      "
    `);
  });

  it("integrations plugins inspect --help", () => {
    expect(help("plugins inspect")).toMatchInlineSnapshot(`
      "Usage: integrations plugins inspect [options] <name>

      show a plugin's package, version, path, source, SDK range, apiVersion, status
      and flags

      Options:
        --json                   print the result as JSON
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Examples:
        integrations plugins inspect slack
        integrations plugins inspect @acme/integrations-plugin-demo --json

      "
    `);
  });

  it("integrations doctor --help", () => {
    expect(help("doctor")).toMatchInlineSnapshot(`
      "Usage: integrations doctor [options]

      show what the CLI sees: Node, config file, discovery sources, plugin statuses,
      npm registries

      Options:
        --json                   print the report as one JSON object
        --strict                 exit 1 when any plugin is error or incompatible
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Examples:
        integrations doctor
        integrations doctor --json
        integrations doctor --strict   # in CI: fail when a plugin cannot load

      "
    `);
  });

  it("integrations schema --help", () => {
    expect(help("schema")).toMatchInlineSnapshot(`
      "Usage: integrations schema [options]

      print the JSON Schema (draft 2020-12) of config.yaml, with field descriptions,
      for editors

      Options:
        --allow-dangerous-literal  also admit dangerousLiteral: secret references
        -h, --help                 show this help

      Global Options:
        -V, --version              print the version (also -v)
        --file <path>              config.yaml to edit (default: $INTEGRATIONS_FILE,
                                   the CLI config's file, or config.yaml)
        --plugin <path|package>    also load the plugin in that directory or package
                                   (repeatable; before the project's)
        --no-plugins               run with the built-in plugins only: no project,
                                   user, global or --plugin plugin is listed or
                                   imported (also INTEGRATIONS_NO_PLUGINS=1)
        --debug                    print stack traces on errors
        --quiet                    print no success messages and no warnings (errors
                                   and requested output still print)

      Examples:
        integrations schema > config.schema.json
        # then, as the first line of config.yaml (yaml-language-server, e.g. VS Code's YAML extension):
        # yaml-language-server: $schema=./config.schema.json

      "
    `);
  });

  it("integrations completion --help", () => {
    expect(help("completion")).toMatchInlineSnapshot(`
      "Usage: integrations completion [options] <shell>

      print the shell completion script (commands, integrations and their flags) for
      bash, zsh or fish

      Arguments:
        shell                    the shell (choices: "bash", "zsh", "fish")

      Options:
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Examples:
        source <(integrations completion bash)     # in ~/.bashrc
        source <(integrations completion zsh)      # in ~/.zshrc, after compinit
        integrations completion fish > ~/.config/fish/completions/integrations.fish

      "
    `);
  });

  it("integrations snapshot --help", () => {
    expect(help("snapshot")).toMatchInlineSnapshot(`
      "Usage: integrations snapshot [options] [command]

      make or check the start-up snapshot that lets the CLI start faster (made at
      install time where install scripts run)

      Options:
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Commands:
        build [options]          make the start-up snapshot for the node first on PATH
                                 (in the package, or in the user cache when the
                                 package is read-only)
        status [options]         say whether the next run will start from the start-up
                                 snapshot, and if not, why
        help [command]           display help for command

      Examples:
        integrations snapshot status
        integrations snapshot build

      "
    `);
  });

  it("integrations snapshot build --help", () => {
    expect(help("snapshot build")).toMatchInlineSnapshot(`
      "Usage: integrations snapshot build [options]

      make the start-up snapshot for the node first on PATH (in the package, or in the
      user cache when the package is read-only)

      Options:
        --json                   print the result as JSON
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Examples:
        integrations snapshot build
        npm install -g --ignore-scripts @integrations/cli && integrations snapshot build

      "
    `);
  });

  it("integrations snapshot status --help", () => {
    expect(help("snapshot status")).toMatchInlineSnapshot(`
      "Usage: integrations snapshot status [options]

      say whether the next run will start from the start-up snapshot, and if not, why

      Options:
        --json                   print the status as JSON
        -h, --help               show this help

      Global Options:
        -V, --version            print the version (also -v)
        --file <path>            config.yaml to edit (default: $INTEGRATIONS_FILE, the
                                 CLI config's file, or config.yaml)
        --plugin <path|package>  also load the plugin in that directory or package
                                 (repeatable; before the project's)
        --no-plugins             run with the built-in plugins only: no project, user,
                                 global or --plugin plugin is listed or imported (also
                                 INTEGRATIONS_NO_PLUGINS=1)
        --debug                  print stack traces on errors
        --quiet                  print no success messages and no warnings (errors and
                                 requested output still print)

      Examples:
        integrations snapshot status
        integrations snapshot status --json

      "
    `);
  });

  it("integrations slack --help", () => {
    expect(help("slack")).toMatchInlineSnapshot(`
      "Usage: integrations slack [flags]

      Slack Web API
      from integrations-plugin-slack@<version> (builtin)

      slack flags (Go-style -flag also works):
        --token <ref>                         secret reference for the bot token
                                              (xoxb-…), e.g. env:SLACK_TOKEN
                                              (required)
        --signing-secret <ref>                secret reference for the app's signing
                                              secret, e.g. env:SLACK_SIGNING_SECRET
                                              (required)

      Common flags:
        --name <text>                         integration name in config.yaml
                                              (default: the integration's name)
        --destination <url>                   override the upstream base URL, e.g.
                                              https://api.example.com
        --in-rate-limit <n>                   requests per caller per rate-limit
                                              window (0 = unlimited)
        --out-rate-limit <n>                  requests to the upstream per rate-limit
                                              window (0 = unlimited)
        --rate-limit-window <duration>        rate-limit window, a Go duration such as
                                              1m or 1h
        --rate-limit-strategy <value>         how requests are counted against the
                                              limits (one of: fixed_window,
                                              token_bucket, leaky_bucket)
        --idle-conn-timeout <duration>        how long an idle upstream connection is
                                              kept, e.g. 90s
        --tls-handshake-timeout <duration>    TLS handshake timeout, e.g. 10s
        --response-header-timeout <duration>  time to wait for the upstream's response
                                              headers, e.g. 30s
        --tls-insecure-skip-verify            skip upstream certificate checks
                                              (development only)
        --disable-keep-alives                 open a new upstream connection per
                                              request
        --max-idle-conns <n>                  idle upstream connections kept in total
        --max-idle-conns-per-host <n>         idle upstream connections kept per host
        --incoming-token <ref>                secret reference callers must present
                                              (adds token incoming auth)
        --incoming-header <text>              header that carries --incoming-token
                                              (default X-Auth)

      Host flags:
        --file <path>                         config.yaml to edit (default:
                                              $INTEGRATIONS_FILE, the CLI config's
                                              file, or config.yaml)
        --plugin <path|package>               also load the plugin in that directory
                                              or package (repeatable)
        --no-plugins                          run with the built-in plugins only (also
                                              INTEGRATIONS_NO_PLUGINS=1)
        --allow-dangerous-literal             accept dangerousLiteral: secret
                                              references (the secret lands in the file
                                              in plain text)
        --json                                print the result as JSON
        --no-input                            never ask for missing required flags;
                                              fail with exit 2 (the default when not
                                              on a terminal or CI=true)
        --dry-run                             print the diff instead of writing
        --quiet                               print no success message and no warnings
                                              (errors still print)
        --debug                               print stack traces on errors

      Options:
        -h, --help                            show this help

      Examples:
        integrations slack -file config.yaml -token env:SLACK_TOKEN -signing-secret env:SLACK_SIGNING_SECRET
        integrations update slack -token env:SLACK_TOKEN -signing-secret env:SLACK_SIGNING_SECRET --dry-run
      "
    `);
  });
});
