import Capacity

/// `sysdrill calc EXPRESSION...`: evaluates a back-of-envelope expression with units,
/// and hosts the named calculators (rps, storage, bandwidth, availability, servers, cost).
enum CalcCommand {
    static let calendarOption = OptionSpec("calendar", .value, valueName: "365.2425d|30d",
                                           help: "month and year lengths: Gregorian average (default) or 30-day months and 365-day years")
    static let quietOption = OptionSpec("quiet", help: "print only the result(s), without steps and conventions")

    static let spec = CommandSpec(
        name: "calc",
        summary: "back-of-envelope calculator with units, conversions and named estimates",
        usage: [
            "calc EXPRESSION... [--calendar 365.2425d|30d] [--quiet] [--json]",
            "calc rps|storage|bandwidth|availability|servers|cost [OPTIONS]",
        ],
        options: [calendarOption, quietOption],
        positionals: 1...Int.max,
        subcommands: CalcCalculatorCommands.all,
        discussion: """
        The words of the expression are joined with spaces, so quoting is optional except
        around '->', '*', '(' and other characters the shell treats specially.

        Examples:
          sysdrill calc "100M req/day -> req/s"
          sysdrill calc 1 GiB to MB
          sysdrill calc "0.999 -> %"
          sysdrill calc '$0.10/h * 730 h'
          sysdrill calc 'ceil(2.5 PB / (4 TB/disk))'

        Functions: ceil floor round min max sqrt log2 log10 ln, as in 'max(3 ms, 20 ms)'.

        Exit codes: 0 ok, 64 bad option, 65 bad expression (with a caret under the problem).
        See docs/calculator.md for the language and every calculator.
        """,
        run: { invocation, context in try run(invocation, context) }
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let quiet = invocation.flag("quiet")
        let text = invocation.positionals.joined(separator: " ")
        try refuseMistypedCalculator(invocation)
        return try CalcOutput.run(context) {
            let calendar = try calendar(from: invocation)
            let evaluation = try Calculator(calendar: calendar).evaluate(text)
            CalcOutput.write(evaluation, quiet: quiet, context: context)
        }
    }

    /// `calc storag ...` or `calc availabilty 99.9%`: a first word that is no unit but
    /// close to a calculator's name is a typo for that calculator, not an expression.
    static func refuseMistypedCalculator(_ invocation: Invocation) throws {
        guard let first = invocation.positionals.first?.split(separator: " ").first.map(String.init),
              first.count >= 3, first.allSatisfy(\.isLetter),
              (try? Calculator().unit(first)) == nil,
              let guess = Suggestion.closest(to: first, in: CalcCalculatorCommands.all.map(\.name)) else { return }
        throw UsageError("unknown calculator '\(first)'; did you mean '\(guess)'? (calculators: "
                         + CalcCalculatorCommands.all.map(\.name).joined(separator: ", ") + ")", command: "sysdrill calc")
    }

    static func calendar(from invocation: Invocation) throws -> CalendarConvention {
        guard let spelling = try invocation.choice("calendar", from: CalendarConvention.allCases.map(\.spelling)) else {
            return .gregorian
        }
        return CalendarConvention(rawValue: spelling) ?? .gregorian
    }
}
