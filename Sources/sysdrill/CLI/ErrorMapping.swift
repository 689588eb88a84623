import Deck
import Store

// Exit codes for each module's errors, in one place (see ErrorReporter).

extension DeckError: ReportableError {
    var exitCode: Int32 {
        if case .missingFile = self { return ExitCode.noInput }
        return ExitCode.dataError
    }

    func message(verbose: Bool) -> String { description }

    var hint: String? {
        switch self {
        case .missingFile: return "Check the path, or list registered decks with 'sysdrill decks'."
        case .invalidText: return "Decks are UTF-8 Markdown text files."
        default: return nil
        }
    }
}

extension StoreError: ReportableError {
    // message(verbose:) is StoreError's own.
    var exitCode: Int32 { ExitCode.ioError }

    var hint: String? {
        switch self {
        case .sqlite: return "Run 'sysdrill check' to verify the database; --verbose shows the failing statement."
        default: return nil
        }
    }
}
