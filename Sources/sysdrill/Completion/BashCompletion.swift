/// The bash script of `sysdrill completions bash`: a fixed walk over the words typed so
/// far (which command, which option wants a value) and tables generated from the model.
struct BashCompletion {
    let model: CompletionModel

    var script: String {
        header + commandTable + optionTable + valueHelper + walker
    }

    private var header: String {
        """
        # bash completion for sysdrill, written by 'sysdrill completions bash' from its
        # command table. Installed by 'make install'; or add to ~/.bashrc:
        #   source <(sysdrill completions bash)
        # Deck names come from 'sysdrill decks --names' (no database is created).


        """
    }

    /// `_sysdrill_command PATH` sets `subs` (the subcommands offered) and `arg` (what the
    /// first argument is) for a command path such as `decks add`.
    private var commandTable: String {
        var text = "_sysdrill_command() {\n    case $1 in\n"
        for node in model.nodes {
            let subs = model.subcommandWords(of: node).map(\.word).joined(separator: " ")
            let options = model.options(of: node).map { "--" + $0.name }.joined(separator: " ")
            text += "        \(CompletionText.singleQuoted(node.key))) subs=\(CompletionText.singleQuoted(subs)); "
                + "opts=\(CompletionText.singleQuoted(options)); arg=\(argumentCode(node.command.argument));;\n"
        }
        text += "        *) subs=; opts=; arg=text;;\n    esac\n}\n\n"
        return text
    }

    private func argumentCode(_ kind: ValueKind) -> String {
        if case .choices(let words) = kind { return CompletionText.singleQuoted("choices:" + words.joined(separator: " ")) }
        return CompletionText.kindName(kind)
    }

    private var optionTable: String { CompletionText.optionFunction(model, indent: "    ", open: "") }

    /// `_sysdrill_values KIND` fills COMPREPLY with the values of that kind matching `cur`.
    private var valueHelper: String {
        let sections = model.sections.map(\.word).joined(separator: " ")
        let settings = model.settings.map(\.word).joined(separator: " ")
        let drills = model.drills.map(\.word).joined(separator: " ")
        return """
        _sysdrill_decks() {
            local bin=${COMP_WORDS[0]} name
            local -a database=()
            [[ $bin == '~/'* ]] && bin=$HOME/${bin#'~/'}
            [[ $db == '~/'* ]] && db=$HOME/${db#'~/'}
            [[ -n $db ]] && database=(--db "$db")
            local IFS=$'\\n'
            for name in $(command "$bin" "${database[@]}" decks --names 2>/dev/null); do
                [[ $name == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
            done
        }

        _sysdrill_values() {
            case $1 in
                path) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"));;
                deck) _sysdrill_decks;;
                deck-or-path) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")); _sysdrill_decks;;
                section) COMPREPLY=($(compgen -W \(CompletionText.singleQuoted(sections)) -- "$cur"));;
                setting) COMPREPLY=($(compgen -W \(CompletionText.singleQuoted(settings)) -- "$cur"));;
                drill) COMPREPLY=($(compgen -W \(CompletionText.singleQuoted(drills)) -- "$cur"));;
                choices:*) COMPREPLY=($(compgen -W "${1#choices:}" -- "$cur"));;
            esac
        }


        """
    }

    /// The walk: which command the words name, whether an option waits for its value,
    /// how many arguments were given; then what fits the word under the cursor. Bash
    /// splits `--db=x` into `--db`, `=`, `x`.
    private var walker: String {
        """
        _sysdrill() {
            local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
            local path= word kind= many= db= subs opts arg option=
            local -i i=1 positionals=0 help=0 ended=0
            COMPREPLY=()
            while (( i < COMP_CWORD )); do
                word=${COMP_WORDS[i]}
                (( i++ ))
                if (( !ended )) && [[ $word == -- ]]; then ended=1; many=; continue; fi
                if (( !ended )) && [[ $word == -[a-zA-Z-]* ]]; then
                    many=
                    _sysdrill_option "$path" "${word%%=*}"
                    [[ $word == *=* ]] && continue
                    if [[ ${COMP_WORDS[i]} == = ]] && (( i + 1 < COMP_CWORD )); then
                        [[ $word == --db ]] && db=${COMP_WORDS[i+1]}
                        (( i += 2 ))
                        continue
                    fi
                    case $kind in
                        value:*) [[ $word == --db ]] && db=${COMP_WORDS[i]}; (( i++ ));;
                        values:*) many=$kind;;
                    esac
                    continue
                fi
                [[ -n $many ]] && continue
                if [[ -z $path ]] && (( positionals == 0 && !help )) && [[ $word == help ]]; then help=1; continue; fi
                _sysdrill_command "$path"
                if (( positionals == 0 )) && [[ " $subs " == *" $word "* && $word != help ]]; then
                    path=${path:+$path }$word
                    continue
                fi
                (( positionals++ ))
            done

            # An option's value: after '--name', '--name=' or in '--name=va'.
            if (( !ended )); then
                if [[ $cur == = && $prev == -* ]]; then option=$prev; cur=
                elif [[ $prev == = ]] && (( COMP_CWORD >= 2 )); then option=${COMP_WORDS[COMP_CWORD-2]}
                elif [[ $prev == -[a-zA-Z-]* && $prev != *=* ]]; then option=$prev
                fi
            fi
            if [[ -n $option ]]; then
                _sysdrill_option "$path" "$option"
                case $kind in
                    value:*|values:*) (( help )) || _sysdrill_values "${kind#*:}"; return 0;;
                esac
            fi
            if [[ -n $many && $cur != -* ]]; then _sysdrill_values "${many#*:}"; return 0; fi

            _sysdrill_command "$path"
            if (( !ended )) && [[ $cur == -* ]]; then
                (( help )) || COMPREPLY=($(compgen -W "$opts" -- "$cur"))
                return 0
            fi
            (( positionals > 0 )) && return 0
            if (( help )); then
                subs=${subs/%' help'/}
                COMPREPLY=($(compgen -W "$subs" -- "$cur"))
                return 0
            fi
            [[ -n $subs ]] && COMPREPLY=($(compgen -W "$subs" -- "$cur"))
            if [[ $arg != text ]]; then
                local -a words=("${COMPREPLY[@]}")
                COMPREPLY=()
                _sysdrill_values "$arg"
                COMPREPLY=("${words[@]}" "${COMPREPLY[@]}")
            fi
            return 0
        }

        complete -F _sysdrill sysdrill

        """
    }
}
