import Deck
import Progress
import Interop
import Terminal

/// The one exit path: parse, run, map every error to a message and an exit code.
enum App {
    static let version = "0.1.0"

    static func main(arguments: [String], environment: [String: String]) -> Int32 {
        let parser = ArgumentParser(root: CommandTable.root)
        let invocation: Invocation
        let command: CommandSpec
        // `sysdrill help [COMMAND...]` is `sysdrill [COMMAND...] --help`, as in git.
        let arguments = arguments.first == "help" ? Array(arguments.dropFirst()) + ["--help"] : arguments
        do {
            (invocation, command) = try parser.parse(arguments)
        } catch {
            return ErrorReporter.report(error, context: nil, environment: environment)
        }
        if invocation.flag("version") {
            StreamWriter.standardOutput.write("sysdrill \(version)\n")
            return ExitCode.ok
        }
        if invocation.flag("help") {
            StreamWriter.standardOutput.write(HelpFormatter.help(for: command, path: invocation.path))
            return ExitCode.ok
        }
        var context: AppContext?
        do {
            let made = try AppContext(environment: environment, invocation: invocation)
            context = made
            guard let run = command.run else { return ExitCode.usage }
            let status = try run(invocation, made)
            // Bad input, or a dry run, leaves no database behind that the run created. (Not
            // any failure: an interrupted first review has answers worth keeping.)
            if [ExitCode.usage, ExitCode.dataError, ExitCode.noInput].contains(status) || invocation.flag("dry-run") {
                made.discardCreatedDatabase()
            }
            // Output that could not be written (a full disk) must not look like success.
            if let failure = StreamWriter.firstFailure {
                StreamWriter.standardError.write("error: could not write the output: \(StreamWriter.describe(errorNumber: failure))\n")
                return ExitCode.ioError
            }
            return status
        } catch {
            if error is DeckError || error is UsageError || error is ProgressError || error is InteropError { context?.discardCreatedDatabase() }
            return ErrorReporter.report(error, context: context, environment: environment)
        }
    }
}
