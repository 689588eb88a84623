import Capacity
import JSONText
import Terminal

/// `sysdrill numbers`: latency and throughput figures for estimates, with sources and
/// years, plus conversions worth knowing by heart (computed by the calculator).
enum NumbersCommand {
    static let spec = CommandSpec(
        name: "numbers",
        summary: "latency and throughput numbers every engineer should know, with sources",
        usage: ["numbers [--json]"],
        discussion: """
        "classic" is the list popularised around 2012 from Jeff Dean's and Peter Norvig's
        figures; "2020" is Colin Scott's trend model for that year. Both are orders of
        magnitude for estimates, not benchmarks of your hardware.
        """,
        run: { _, context in
            if context.json {
                context.print(json().serialized(pretty: true))
            } else {
                context.stdout.write(table(style: context.style))
            }
            return ExitCode.ok
        }
    )

    static func table(style: Style) -> String {
        var text = style.bold("Latency") + "\n"
        let operationWidth = ReferenceNumbers.latency.map { TextLayout.width($0.operation) }.max() ?? 0
        let header = TextLayout.padRight("operation", to: operationWidth + 2) + TextLayout.padLeft("classic", to: 10)
            + TextLayout.padLeft("2020", to: 10)
        text += "  " + style.dim(header) + "\n"
        for figure in ReferenceNumbers.latency {
            let classic = figure.classic.map(ReferenceNumbers.latencyText) ?? "-"
            let updated = figure.updated.map(ReferenceNumbers.latencyText) ?? "-"
            text += "  " + TextLayout.padRight(figure.operation, to: operationWidth + 2)
                + TextLayout.padLeft(classic, to: 10) + TextLayout.padLeft(updated, to: 10) + "\n"
        }
        text += "\n" + style.bold("Throughput") + "\n"
        let figureWidth = ReferenceNumbers.throughput.map { TextLayout.width($0.figure) }.max() ?? 0
        text += "  " + style.dim(TextLayout.padRight("figure", to: figureWidth + 2) + TextLayout.padLeft("value", to: 13) + "  source") + "\n"
        for figure in ReferenceNumbers.throughput {
            let source = ReferenceNumbers.sources.first { $0.id == figure.sourceID }
            let cited = source.map { "\($0.id) (\($0.year))" } ?? figure.sourceID
            text += "  " + TextLayout.padRight(figure.figure, to: figureWidth + 2)
                + TextLayout.padLeft(ReferenceNumbers.throughputText(figure), to: 13) + "  " + cited + "\n"
        }
        text += "\n" + style.bold("Conversions") + "\n"
        let calculator = Calculator()
        let expressionWidth = ReferenceNumbers.conversions.map { TextLayout.width($0) }.max() ?? 0
        for expression in ReferenceNumbers.conversions {
            guard let evaluation = try? calculator.evaluate(expression) else { continue }
            text += "  " + TextLayout.padRight(expression, to: expressionWidth + 2) + "= " + evaluation.display + "\n"
        }
        text += "  " + style.dim("(month and year: Gregorian average, 365.2425 days a year)") + "\n"
        text += "\n" + style.bold("Sources") + "\n"
        for source in ReferenceNumbers.sources {
            text += "  \(source.id) (\(source.year)): \(source.title)"
            if let url = source.url { text += "\n    " + url }
            text += "\n"
        }
        return text
    }

    static func json() -> JSONValue {
        func duration(_ seconds: Double?) -> JSONValue {
            guard let seconds else { return .null }
            return ["seconds": JSONValue(seconds), "nanoseconds": JSONValue(NumberText.rounded(seconds * 1e9)),
                    "display": .string(ReferenceNumbers.latencyText(seconds))]
        }
        let latency: [JSONValue] = ReferenceNumbers.latency.map { figure in
            ["operation": .string(figure.operation),
             "classic": duration(figure.classic), "classic_source": figure.classic == nil ? nil : "dean2012",
             "updated": duration(figure.updated), "updated_source": figure.updated == nil ? nil : "scott2020",
             "note": JSONValue(figure.note)]
        }
        let throughput: [JSONValue] = ReferenceNumbers.throughput.map { figure in
            ["figure": .string(figure.figure), "value": JSONValue(figure.value), "unit": .string(figure.unit.rawValue),
             "display": .string(ReferenceNumbers.throughputText(figure)), "source": .string(figure.sourceID),
             "note": JSONValue(figure.note)]
        }
        let calculator = Calculator()
        let conversions: [JSONValue] = ReferenceNumbers.conversions.compactMap { expression in
            guard let evaluation = try? calculator.evaluate(expression) else { return nil }
            return ["expression": .string(expression), "value": JSONValue(evaluation.value), "unit": .string(evaluation.unit.symbol),
                    "display": .string(evaluation.display)]
        }
        let sources: [JSONValue] = ReferenceNumbers.sources.map { source in
            ["id": .string(source.id), "title": .string(source.title), "year": JSONValue(source.year), "url": JSONValue(source.url)]
        }
        return ["latency": .array(latency), "throughput": .array(throughput), "conversions": .array(conversions), "sources": .array(sources)]
    }
}
