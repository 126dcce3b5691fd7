// An esbuild plugin for the commands snapshot's bundle (snapshot-commands.cjs): the start-up snapshot
// that bin/integrations starts only for `--help`, `--version`, `list` and `list --json`, and whose
// main function hands any other command line to the plain entry (snapshot-main.ts). What those runs
// never execute is left out, so that each of them deserialises a smaller heap: the core's main entry
// (its schemas, zod and yaml; the light `@integrations/core/base` stays) and every module imported
// lazily (`import()`) except the ones those runs use (`KEPT_LAZY`). A left-out module is a stand-in that throws
// when it is loaded, so reaching one fails loudly instead of misbehaving.

/** Lazily imported modules that `--help` and `list` use: the program, discovery (from the run), the CLI-config search and its check of `trust` entries, semver's range check. */
const KEPT_LAZY = [/^\.\/program\.js$/, /^\.\.\/discovery\/discover\.js$/, /^\.\/cosmiconfig-lazy\.js$/, /^\.\/trust-entries\.js$/, /^semver\/functions\/satisfies\.js$/];

export function commandsOnly() {
  return {
    name: "commands-only",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        const leftOut = args.path === "@integrations/core" || (args.kind === "dynamic-import" && !KEPT_LAZY.some((kept) => kept.test(args.path)));
        return leftOut ? { path: args.path, namespace: "left-out" } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: "left-out" }, (args) => ({
        loader: "js",
        contents: `throw new Error(${JSON.stringify(`${args.path} is not in the commands snapshot: bin/integrations starts it only for --help, --version and list`)});\n`,
      }));
    },
  };
}

/** Throws when the build holds a package the commands snapshot must not (the plugin above missed a way in). */
export function assertCommandsOnly(result) {
  const heavy = Object.keys(result.metafile.inputs).filter((input) => /node_modules\/(zod|yaml)\//.test(input) || /packages\/core\/dist\/(index|format\/schema|edit\/)/.test(input));
  if (heavy.length > 0) throw new Error(`build-bundles: the commands snapshot's bundle holds ${heavy.slice(0, 3).join(", ")}`);
}
