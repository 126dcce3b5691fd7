import { Argument, type Command } from "commander";
import { examples } from "../output/help-examples.js";
import type { Run } from "../run/run.js";
import type { Settle } from "../run/action.js";

/**
 * The completion scripts: each only asks `integrations __complete <words…>` (see complete.ts) for the
 * candidates of the word under the cursor, so they stay small and always match the plugins found
 * where the user is. When there is no candidate (a file name is expected), they complete file names.
 */
export const COMPLETION_SCRIPTS = {
  bash: `# bash completion for integrations. Load it with: source <(integrations completion bash)
_integrations_completion() {
  local IFS=$'\\n'
  COMPREPLY=($(integrations __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _integrations_completion integrations
`,
  zsh: `#compdef integrations
# zsh completion for integrations. Load it, after compinit, with: source <(integrations completion zsh)
_integrations() {
  local -a candidates
  candidates=("\${(@f)$(integrations __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  candidates=(\${candidates:#})
  if (( \${#candidates} )); then
    compadd -- "\${candidates[@]}"
  else
    _files
  fi
}
compdef _integrations integrations
`,
  fish: `# fish completion for integrations. Load it with: integrations completion fish | source
function __integrations_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l current (commandline -ct)
    set -l candidates (integrations __complete $words "$current" 2>/dev/null)
    if test (count $candidates) -gt 0
        printf '%s\\n' $candidates
    else
        __fish_complete_path "$current"
    end
end
complete -c integrations -f -a '(__integrations_complete)'
`,
} as const;

export type Shell = keyof typeof COMPLETION_SCRIPTS;

/** Registers `integrations completion bash|zsh|fish`, which prints that shell's completion script. */
export function registerCompletionCommand(program: Command, run: Run, settle: Settle): void {
  program
    .command("completion")
    .description("print the shell completion script (commands, integrations and their flags) for bash, zsh or fish")
    .addArgument(new Argument("<shell>", "the shell").choices(Object.keys(COMPLETION_SCRIPTS)))
    .action(
      settle((shell: Shell) => {
        run.output.writeOut(COMPLETION_SCRIPTS[shell]);
        return 0;
      }),
    )
    .addHelpText(
      "after",
      examples(
        "source <(integrations completion bash)     # in ~/.bashrc",
        "source <(integrations completion zsh)      # in ~/.zshrc, after compinit",
        "integrations completion fish > ~/.config/fish/completions/integrations.fish",
      ),
    );
}
