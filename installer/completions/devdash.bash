# bash completion for devdash, installed as /usr/share/bash-completion/completions/devdash.
#
# The candidates come from `devdash __complete WORD...` (app/CliCompletion.h): the command
# table of the installed program, and environment names read from the repository's
# .devdash.json. Nothing of the repository is run. Where a file name goes, devdash offers
# nothing and bash completes file names (-o default).

_devdash()
{
    local line
    COMPREPLY=()
    while IFS= read -r line; do
        [[ -n $line ]] && COMPREPLY+=("${line%%$'\t'*}")
    done < <(command devdash __complete "${COMP_WORDS[@]:0:COMP_CWORD}" "${COMP_WORDS[COMP_CWORD]}" 2>/dev/null)
}

complete -o default -F _devdash devdash
