import Capacity
import JSONText
import Terminal

/// How `calc` shows results and errors: text for people, JSON for scripts, and for bad
/// input the offending text with a caret line under the part that is wrong.
enum CalcOutput {
    // MARK: free-form expressions

    static func write(_ evaluation: Evaluation, quiet: Bool, context: AppContext) {
        if context.json {
            let object: JSONValue = [
                "input": .string(evaluation.input),
                "value": JSONValue(evaluation.value),
                "unit": .string(evaluation.unit.symbol),
                "display": .string(evaluation.display),
                "dimension": .string(evaluation.quantity.dimension.formula),
                "conventions": JSONValue(evaluation.conventions),
                "notes": JSONValue(evaluation.notes),
            ]
            context.print(object.serialized(pretty: true))
            return
        }
        var text = evaluation.display + "\n"
        if quiet {
            quietNotes(evaluation.conventions + evaluation.notes, context: context)
        } else {
            for line in evaluation.conventions { text += context.style.dim("  " + line) + "\n" }
            for line in evaluation.notes { text += context.style.yellow("  note: ") + line + "\n" }
        }
        context.stdout.write(text)
    }

    // MARK: named calculators

    static func write(_ report: CalculationReport, quiet: Bool, context: AppContext) {
        if context.json {
            context.print(json(report).serialized(pretty: true))
            return
        }
        let style = context.style
        let width = report.results.map { TextLayout.width($0.label) }.max() ?? 0
        let resultLines = report.results.map { "  " + TextLayout.padRight($0.label, to: width + 2) + style.bold($0.display) }
        if quiet {
            context.stdout.write(resultLines.map { String($0.dropFirst(2)) }.joined(separator: "\n") + "\n")
            quietNotes(report.conventions + report.notes, context: context)
            return
        }
        var text = style.bold("Steps") + "\n"
        for step in report.steps { text += "  " + step + "\n" }
        text += "\n" + style.bold("Results") + "\n" + resultLines.joined(separator: "\n") + "\n"
        if !report.conventions.isEmpty {
            text += "\n" + style.bold("Conventions") + "\n"
            for line in report.conventions { text += "  " + line + "\n" }
        }
        if !report.notes.isEmpty {
            text += "\n" + style.bold("Notes") + "\n"
            for line in report.notes { text += "  " + line + "\n" }
        }
        context.stdout.write(text)
    }

    /// `--quiet` keeps stdout to the results, but the calendar used ("month = 30.44 days")
    /// and notes such as "example prices, not current quotes" must still reach the
    /// reader: they go to stderr.
    private static func quietNotes(_ notes: [String], context: AppContext) {
        for line in notes { context.note(context.errorStyle.yellow("note: ") + line) }
    }

    static func json(_ report: CalculationReport) -> JSONValue {
        let inputs: [JSONValue] = report.inputs.map { input in
            ["name": .string(input.name), "text": .string(input.text), "value": JSONValue(input.value),
             "unit": .string(input.unit), "display": .string(input.display)]
        }
        let results: [JSONValue] = report.results.map { result in
            ["name": .string(result.name), "value": JSONValue(result.value), "unit": .string(result.unit),
             "display": .string(result.display), "label": .string(result.label)]
        }
        return [
            "calculator": .string(report.calculator),
            "inputs": .array(inputs),
            "steps": JSONValue(report.steps),
            "results": .array(results),
            "conventions": JSONValue(report.conventions),
            "notes": JSONValue(report.notes),
        ]
    }

    // MARK: errors

    /// Calculator fields that come from a positional argument, not an `--option`.
    static let positionalFields: Set<String> = ["availability"]

    /// Runs a calc command body, reporting calculator errors here (caret on stderr, or a
    /// JSON error on stdout) and usage errors as JSON too when `--json` asked for it.
    static func run(_ context: AppContext, _ body: () throws -> Void) throws -> Int32 {
        do {
            try body()
            return ExitCode.ok
        } catch let error as CapacityError {
            report(error, context: context)
            return ExitCode.dataError
        } catch let error as UsageError where context.json {
            let object: JSONValue = ["error": ["kind": "usage", "message": .string(error.message), "start": nil, "end": nil]]
            context.print(object.serialized(pretty: true))
            return ExitCode.usage
        }
    }

    static func report(_ error: CapacityError, context: AppContext) {
        if context.json {
            var details: JSONObject = JSONObject()
            details.set("kind", .string(error.kind.rawValue))
            details.set("message", .string(error.message))
            details.set("start", JSONValue(error.span.lowerBound))
            details.set("end", JSONValue(error.span.upperBound))
            details.set("input", .string(error.input))
            if let field = error.field {
                details.set(positionalFields.contains(field) ? "argument" : "option", .string(field))
            }
            if let suggestion = error.suggestion { details.set("suggestion", .string(suggestion)) }
            context.print(JSONValue.object(JSONObject(["error": .object(details)])).serialized(pretty: true))
            return
        }
        context.stderr.write(caretText(error, style: context.errorStyle))
    }

    /// The input line, a caret line under the span, then the message:
    ///
    ///       1 GB + 5 s
    ///            ^
    ///     error: cannot add information and time: ...
    static func caretText(_ error: CapacityError, style: Style) -> String {
        let prefix = error.field.flatMap { positionalFields.contains($0) ? nil : "--\($0) " } ?? ""
        let line = prefix + error.input
        let scalars = Array(error.input.unicodeScalars)
        let start = min(max(0, error.span.lowerBound), scalars.count)
        let end = min(max(start, error.span.upperBound), scalars.count)
        var before = prefix
        before.unicodeScalars.append(contentsOf: scalars[0..<start])
        var marked = ""
        marked.unicodeScalars.append(contentsOf: scalars[start..<end])
        let carets = String(repeating: "^", count: max(1, TextLayout.width(marked)))
        var text = "  " + line + "\n"
        text += "  " + String(repeating: " ", count: TextLayout.width(before)) + style.red(carets) + "\n"
        text += style.red("error:") + " " + error.message + "\n"
        return text
    }
}
