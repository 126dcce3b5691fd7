// `pnpm integrations …` from a checkout: pnpm runs root scripts in the workspace root and passes the
// directory the user ran it from as INIT_CWD. Run the CLI there, so `-file config.yaml` means the
// config.yaml of the directory you are in, as it does with an installed `integrations`.
process.chdir(process.env.INIT_CWD ?? process.cwd());
await import("../packages/cli/dist/bin.js");
