import Capacity
import Practice

/// The drill's calculator (`= EXPR` in line mode, `c` in a terminal): an expression, or
/// a named calculator with its options as `sysdrill calc` takes them
/// (`rps --dau 100M --per-user 10 --peak 3`), answered with its results on one line.
enum DrillCalculator {
    /// The calculator for one drill: the "B touching a number" note is shown the first
    /// time only, since a reader who saw it once knows.
    static func session() -> (String) -> CalculatorLine {
        let memory = NoteMemory()
        return { text in memory.once(evaluate(text)) }
    }

    private final class NoteMemory {
        var shownMagnitudeNote = false

        func once(_ line: CalculatorLine) -> CalculatorLine {
            guard line.notes.contains(where: Calculator.isMagnitudeNote) else { return line }
            let notes = line.notes.filter { !Calculator.isMagnitudeNote($0) || !shownMagnitudeNote }
            shownMagnitudeNote = true
            return CalculatorLine(input: line.input, result: line.result, error: line.error, notes: notes)
        }
    }

    static func evaluate(_ text: String) -> CalculatorLine {
        let words = text.split(separator: " ").map(String.init)
        guard let name = words.first, CalcCalculatorCommands.all.contains(where: { $0.name == name }) else {
            return PracticeCalculation.evaluate(text)
        }
        do {
            let (invocation, _) = try ArgumentParser(root: CommandTable.root).parse(["calc"] + words)
            let calendar = try CalcCommand.calendar(from: invocation)
            guard let report = try CalcCalculatorCommands.report(named: name, invocation, calendar: calendar) else {
                return PracticeCalculation.evaluate(text)
            }
            let results = report.results.map { "\($0.label) \($0.display)" }.joined(separator: " · ")
            return CalculatorLine(input: text, result: results, error: nil, notes: report.conventions + report.notes)
        } catch let error as ReportableError {
            return CalculatorLine(input: text, result: nil, error: error.message(verbose: false))
        } catch {
            return CalculatorLine(input: text, result: nil, error: "\(error)")
        }
    }
}
