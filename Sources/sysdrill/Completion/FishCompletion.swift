/// The fish script of `sysdrill completions fish`: `complete` lines per command, guarded
/// by a walk over the words typed so far (the same walk as the bash and zsh scripts).
struct FishCompletion {
    let model: CompletionModel

    var script: String {
        header + tables + walker + completions
    }

    private var header: String {
        """
        # fish completion for sysdrill, written by 'sysdrill completions fish' from its command
        # table. Installed by 'make install' in vendor_completions.d; or run once:
        #   sysdrill completions fish > ~/.config/fish/completions/sysdrill.fish
        # Deck names come from 'sysdrill decks --names' (no database is created).

        complete -c sysdrill -f


        """
    }

    private func quoted(_ text: String) -> String { CompletionText.fishQuoted(text) }

    /// Lines `word<TAB>description`, as fish takes them from a function.
    private func listing(_ name: String, _ candidates: [CompletionModel.Candidate]) -> String {
        var text = "function \(name)\n"
        for candidate in candidates {
            text += "    printf '%s\\t%s\\n' \(quoted(candidate.word)) \(quoted(CompletionText.oneLine(candidate.description)))\n"
        }
        return text + "end\n\n"
    }

    private var tables: String {
        var text = "function __sysdrill_subcommands\n    switch $argv[1]\n"
        for node in model.nodes where !node.command.subcommands.isEmpty {
            text += "        case \(quoted(node.key))\n            printf '%s\\n' "
                + model.subcommandWords(of: node).map { quoted($0.word) }.joined(separator: " ") + "\n"
        }
        text += "    end\nend\n\n"

        text += "function __sysdrill_option_kind\n    switch \"$argv[1]|$argv[2]\"\n"
        for node in model.nodes {
            for option in node.command.options {
                text += "        case \(quoted(node.key + "|--" + option.name))\n            echo \(quoted(CompletionText.optionCode(option)))\n"
            }
        }
        for option in model.globalOptions {
            text += "        case \(quoted("*|--" + option.name))\n            echo \(quoted(CompletionText.optionCode(option)))\n"
        }
        text += "    end\nend\n\n"
        text += listing("__sysdrill_sections", model.sections)
        text += listing("__sysdrill_settings", model.settings)
        text += listing("__sysdrill_drills", model.drills)
        return text
    }

    private var walker: String {
        """
        function __sysdrill_decks
            set -l words (commandline -opc)
            set -l bin (string replace -r '^~/' "$HOME/" -- $words[1])
            set -l db
            set -l next 0
            for word in $words
                if test $next -eq 1
                    set db $word
                    set next 0
                else if test "$word" = --db
                    set next 1
                else if string match -q -- '--db=*' $word
                    set db (string replace -- '--db=' '' $word)
                end
            end
            set db (string replace -r '^~/' "$HOME/" -- $db)
            if test -n "$db"
                command $bin --db $db decks --names 2>/dev/null
            else
                command $bin decks --names 2>/dev/null
            end
        end

        # The command the words before the cursor name, how many arguments it has, and
        # whether they follow 'help': "decks add|0|0". Kept for the line it was made for.
        function __sysdrill_state
            set -l words (commandline -opc)
            set -l line (string join \\n -- $words)
            if set -q __sysdrill_state_line; and test "$__sysdrill_state_line" = "$line"
                echo $__sysdrill_state_value
                return
            end
            set -e words[1]
            set -l node ''
            set -l positionals 0
            set -l help 0
            set -l ended 0
            set -l skip 0
            set -l many 0
            for word in $words
                if test $skip -eq 1
                    set skip 0
                    continue
                end
                if test $ended -eq 0; and test "$word" = --
                    set ended 1
                    set many 0
                    continue
                end
                if test $ended -eq 0; and string match -qr -- '^-[a-zA-Z-]' $word
                    set many 0
                    string match -q -- '*=*' $word; and continue
                    switch (__sysdrill_option_kind "$node" $word)
                        case 'value:*'
                            set skip 1
                        case 'values:*'
                            set many 1
                    end
                    continue
                end
                test $many -eq 1; and continue
                if test -z "$node"; and test $positionals -eq 0; and test $help -eq 0; and test "$word" = help
                    set help 1
                    continue
                end
                if test $positionals -eq 0; and test "$word" != help; and contains -- $word (__sysdrill_subcommands "$node")
                    if test -z "$node"
                        set node $word
                    else
                        set node "$node $word"
                    end
                    continue
                end
                set positionals (math $positionals + 1)
            end
            set -g __sysdrill_state_line $line
            set -g __sysdrill_state_value "$node|$positionals|$help"
            echo $__sysdrill_state_value
        end

        # Where a subcommand of the command $argv[1] may come (also after 'help').
        function __sysdrill_choosing
            set -l state (string split '|' -- (__sysdrill_state))
            test "$state[1]" = "$argv[1]"; and test "$state[2]" = 0
        end

        # Where the first argument of $argv[1] comes.
        function __sysdrill_at
            set -l state (string split '|' -- (__sysdrill_state))
            test "$state[1]" = "$argv[1]"; and test "$state[2]" = 0; and test "$state[3]" = 0
        end

        # Anywhere in the command $argv[1] (its options).
        function __sysdrill_in
            set -l state (string split '|' -- (__sysdrill_state))
            test "$state[1]" = "$argv[1]"; and test "$state[3]" = 0
        end


        """
    }

    /// The arguments of `complete` for a value of this kind.
    private func valueArguments(_ kind: ValueKind, option: Bool) -> String {
        let exclusive = option ? "-x" : "-f"
        switch kind {
        case .text: return option ? "-x" : ""
        case .path: return option ? "-r -F" : "-F"
        case .deck: return exclusive + " -a '(__sysdrill_decks)'"
        case .deckOrPath: return (option ? "-r -F" : "-F") + " -a '(__sysdrill_decks)'"
        case .section: return exclusive + " -a '(__sysdrill_sections)'"
        case .setting: return exclusive + " -a '(__sysdrill_settings)'"
        case .drill: return exclusive + " -a '(__sysdrill_drills)'"
        case .choices(let words): return exclusive + " -a " + quoted(words.joined(separator: " "))
        }
    }

    private var completions: String {
        var text = ""
        for option in model.globalOptions {
            text += "complete -c sysdrill -l \(option.name) \(option.arity == .flag ? "" : valueArguments(option.values, option: true) + " ")"
                + "-d \(quoted(CompletionText.oneLine(option.help)))\n"
        }
        for node in model.nodes {
            text += "\n# sysdrill\(node.key.isEmpty ? "" : " " + node.key)\n"
            for sub in node.subcommands {
                text += "complete -c sysdrill -n \(quoted("__sysdrill_choosing " + quoted(node.key))) -a \(quoted(sub.word)) "
                    + "-d \(quoted(CompletionText.oneLine(sub.description)))\n"
            }
            if node.path.isEmpty {
                let help = CompletionModel.helpWord
                text += "complete -c sysdrill -n \(quoted("__sysdrill_at ''")) -a \(quoted(help.word)) -d \(quoted(help.description))\n"
            }
            if node.command.argument != .text {
                text += "complete -c sysdrill -n \(quoted("__sysdrill_at " + quoted(node.key))) \(valueArguments(node.command.argument, option: false))\n"
            }
            for option in node.command.options {
                text += "complete -c sysdrill -n \(quoted("__sysdrill_in " + quoted(node.key))) -l \(option.name) "
                    + (option.arity == .flag ? "" : valueArguments(option.values, option: true) + " ")
                    + "-d \(quoted(CompletionText.oneLine(option.help)))\n"
            }
        }
        return text
    }
}
