/// The zsh script of `sysdrill completions zsh` (the `_sysdrill` function of an fpath
/// folder): the same walk as the bash script, with descriptions beside every candidate.
struct ZshCompletion {
    let model: CompletionModel

    var script: String {
        header + commandTable + optionTable + valueHelper + walker
    }

    private var header: String {
        """
        #compdef sysdrill
        # zsh completion for sysdrill, written by 'sysdrill completions zsh' from its command
        # table. Installed by 'make install' as _sysdrill in a folder of $fpath; or add to
        # ~/.zshrc, after compinit:  source <(sysdrill completions zsh)
        # Deck names come from 'sysdrill decks --names' (no database is created).


        """
    }

    /// `word:description` for `_describe` (a colon in the word is escaped).
    private func described(_ candidates: [CompletionModel.Candidate]) -> String {
        candidates.map { CompletionText.singleQuoted($0.word.replacing(":", with: "\\:") + ":" + CompletionText.oneLine($0.description)) }
            .joined(separator: " ")
    }

    private var commandTable: String {
        var text = "_sysdrill_command() {\n  case $1 in\n"
        for node in model.nodes {
            let subs = model.subcommandWords(of: node)
            let options = model.options(of: node).map { CompletionModel.Candidate(word: "--" + $0.name, description: $0.help) }
            var argument = CompletionText.kindName(node.command.argument)
            if case .choices(let words) = node.command.argument { argument = "choices:" + words.joined(separator: " ") }
            text += "    (\(CompletionText.singleQuoted(node.key)))\n"
                + "      subs=(\(subs.map { CompletionText.singleQuoted($0.word) }.joined(separator: " ")))\n"
                + "      subdescs=(\(described(subs)))\n"
                + "      opts=(\(described(options)))\n"
                + "      arg=\(CompletionText.singleQuoted(argument));;\n"
        }
        text += "    (*) subs=(); subdescs=(); opts=(); arg=text;;\n  esac\n}\n\n"
        return text
    }

    private var optionTable: String { CompletionText.optionFunction(model, indent: "  ", open: "(") }

    private var valueHelper: String {
        """
        _sysdrill_decks() {
          local bin=${words[1]}
          [[ $bin == '~/'* ]] && bin=$HOME/${bin#'~/'}
          [[ $db == '~/'* ]] && db=$HOME/${db#'~/'}
          command $bin ${db:+--db} ${db:+$db} decks --names 2>/dev/null
        }

        _sysdrill_values() {
          local -a items
          case $1 in
            (path) _files;;
            (deck) items=(${(f)"$(_sysdrill_decks)"}); compadd -a items;;
            (deck-or-path) items=(${(f)"$(_sysdrill_decks)"}); compadd -a items; _files;;
            (section) items=(\(described(model.sections))); _describe -t sections 'section' items;;
            (setting) items=(\(described(model.settings))); _describe -t settings 'setting' items;;
            (drill) items=(\(described(model.drills))); _describe -t drills 'drill' items;;
            (choices:*) items=(${=${1#choices:}}); compadd -a items;;
          esac
        }


        """
    }

    private var walker: String {
        """
        _sysdrill() {
          local cur=${words[CURRENT]} prev=${words[CURRENT-1]}
          local node= word kind= many= db= arg option=
          local -a subs subdescs opts
          integer i=2 positionals=0 help=0 ended=0
          while (( i < CURRENT )); do
            word=${words[i]}
            (( i++ ))
            if (( !ended )) && [[ $word == -- ]]; then ended=1; many=; continue; fi
            if (( !ended )) && [[ $word == -[a-zA-Z-]* ]]; then
              many=
              _sysdrill_option "$node" "${word%%=*}"
              [[ $word == *=* ]] && continue
              case $kind in
                (value:*) [[ $word == --db ]] && db=${words[i]}; (( i++ ));;
                (values:*) many=$kind;;
              esac
              continue
            fi
            [[ -n $many ]] && continue
            if [[ -z $node && $word == help ]] && (( positionals == 0 && !help )); then help=1; continue; fi
            _sysdrill_command "$node"
            if (( positionals == 0 && ${subs[(Ie)$word]} )) && [[ $word != help ]]; then
              node=${node:+$node }$word
              continue
            fi
            (( positionals++ ))
          done

          # An option's value: after '--name', or in '--name=va'.
          if (( !ended )); then
            if [[ $cur == -*=* ]]; then option=${cur%%=*}; compset -P '*='
            elif [[ $prev == -[a-zA-Z-]* && $prev != *=* ]]; then option=$prev
            fi
          fi
          if [[ -n $option ]]; then
            _sysdrill_option "$node" "$option"
            case $kind in
              (value:*|values:*) (( help )) || _sysdrill_values "${kind#*:}"; return;;
            esac
          fi
          if [[ -n $many && $cur != -* ]]; then _sysdrill_values "${many#*:}"; return; fi

          _sysdrill_command "$node"
          if (( !ended )) && [[ $cur == -* ]]; then
            (( help )) || _describe -t options 'option' opts
            return
          fi
          (( positionals > 0 )) && return 1
          if (( help )); then
            subdescs=(${subdescs:#help:*})
            _describe -t commands 'command' subdescs
            return
          fi
          (( $#subdescs )) && _describe -t commands 'command' subdescs
          [[ $arg != text ]] && _sysdrill_values "$arg"
          return 0
        }

        # Autoloaded from $fpath: complete now. Sourced: register the function.
        if [[ $funcstack[1] == _sysdrill ]]; then
          _sysdrill "$@"
        else
          compdef _sysdrill sysdrill
        fi

        """
    }
}
