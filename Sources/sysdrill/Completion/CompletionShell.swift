/// The shells `sysdrill completions` writes a script for.
enum CompletionShell: String, CaseIterable {
    case bash
    case zsh
    case fish

    func script(for model: CompletionModel) -> String {
        switch self {
        case .bash: return BashCompletion(model: model).script
        case .zsh: return ZshCompletion(model: model).script
        case .fish: return FishCompletion(model: model).script
        }
    }
}

/// What the three scripts share: how a value is named inside them, and quoting.
enum CompletionText {
    /// The name a script's value helper knows a kind of value by; `text` offers nothing.
    static func kindName(_ kind: ValueKind) -> String {
        switch kind {
        case .text: return "text"
        case .path: return "path"
        case .deck: return "deck"
        case .deckOrPath: return "deck-or-path"
        case .section: return "section"
        case .setting: return "setting"
        case .drill: return "drill"
        case .choices: return "choices"
        }
    }

    /// How the scripts' option table describes an option: `flag`, `value:KIND` (one word
    /// follows) or `values:KIND` (every word up to the next option), choices spelled out
    /// (`value:choices:json anki apkg`).
    static func optionCode(_ option: OptionSpec) -> String {
        let kind: String
        if case .choices(let words) = option.values {
            kind = "choices:" + words.joined(separator: " ")
        } else {
            kind = kindName(option.values)
        }
        switch option.arity {
        case .flag: return "flag"
        case .value: return "value:" + kind
        case .values: return "values:" + kind
        }
    }

    /// `text` between single quotes for bash and zsh ('it'\''s').
    static func singleQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }

    /// `text` between single quotes for fish, where a backslash escapes `'` and `\`.
    static func fishQuoted(_ text: String) -> String {
        "'" + text.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
    }

    /// A description on one line (zsh and fish show one line per candidate).
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension CompletionText {
    /// `_sysdrill_option PATH --NAME`, a shell function that sets `kind` to the option's
    /// code (`flag`, `value:section`, ...), or to nothing for an option the command does not
    /// take. Bash and zsh write it alike but for a case pattern: zsh opens it with `(`.
    static func optionFunction(_ model: CompletionModel, indent: String, open: String) -> String {
        let inner = indent + indent
        var text = "_sysdrill_option() {\n\(indent)case \"$1|$2\" in\n"
        for node in model.nodes {
            for option in node.command.options {
                text += "\(inner)\(open)\(singleQuoted(node.key + "|--" + option.name))) kind=\(singleQuoted(optionCode(option)));;\n"
            }
        }
        for option in model.globalOptions {
            text += "\(inner)\(open)*\(singleQuoted("|--" + option.name))) kind=\(singleQuoted(optionCode(option)));;\n"
        }
        text += "\(inner)\(open)*'|-h'|*'|-V') kind=flag;;\n\(inner)\(open)*) kind=;;\n\(indent)esac\n}\n\n"
        return text
    }
}
