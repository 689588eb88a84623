import Timekeeping
#if canImport(Glibc)
import Glibc
#endif

/// Anki's backend timed in-process on a collection built from the same cards, states and
/// log (issue 18's reference column). The work is done by `Anki/anki_reference.py` with
/// the test-only venv that `.ci/run` makes (anki==26.9.3); without it the column says why.
struct AnkiTimes {
    /// The deck list's counts (`deck_due_tree`), for the `due` rows.
    var dueTree: [Double] = []
    /// `get_queued_cards(fetch_limit=1)` on a freshly opened collection: the queue built
    /// and the first card returned, for the review-start rows.
    var firstCard: [Double] = []
    /// The statistics screen's data for a year (`graphs`, 365 days), for the stats row.
    var graphs: [Double] = []
    /// Why there are no times, or what differs ("counts differ").
    var note: String?

    static func unavailable(_ reason: String) -> AnkiTimes {
        AnkiTimes(note: reason)
    }
}

enum AnkiReference {
    /// The script, found beside this source file (the bench runs from a checkout).
    static let script: String = {
        let file = #filePath
        let folder = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return folder + "/Anki/anki_reference.py"
    }()

    /// The venv's python: `SYSDRILL_ANKI_PYTHON` (as for the interop tests), else the venv
    /// `.ci/run` makes, `~/.cache/sysdrill/venv-anki`.
    static func python() -> String? {
        let environment = Environment.current
        let candidates = [environment["SYSDRILL_ANKI_PYTHON"], environment["HOME"].map { $0 + "/.cache/sysdrill/venv-anki/bin/python" }]
        return candidates.compactMap { $0 }.first { !$0.isEmpty && access($0, X_OK) == 0 }
    }
}

extension Bench {
    /// Builds the Anki collection from `database` as it stands at `now` and times Anki on
    /// it (`runs` runs of each operation). `dueJSON` is sysdrill's `due --json` at that
    /// moment: Anki's counts must equal it.
    func ankiReference(database: String, now: UnixTime, dueJSON: String, label: String) throws -> AnkiTimes {
        guard let python = AnkiReference.python() else {
            return .unavailable("n/a (no venv with anki==26.9.3: .ci/run makes ~/.cache/sysdrill/venv-anki)")
        }
        guard access(AnkiReference.script, R_OK) == 0 else { return .unavailable("n/a (no \(AnkiReference.script))") }
        // Anki's own clock is the real one; RUST_BACKTRACE (not passed) costs it ~60 ms at open.
        let environment = childEnvironment.filter { !$0.hasPrefix("SYSDRILL_NOW=") }
        let check = try start(ChildCommand(arguments: [python, "-c", "import anki"], environment: environment))
        guard check.succeeded else { return .unavailable("n/a (\(python) cannot import anki)") }
        let output = path("anki-\(label).out")
        step("anki (\(label)): building the collection and timing \(settings.runs(5)) runs")
        let result = try start(ChildCommand(arguments: [python, AnkiReference.script, database, String(now), dueJSON,
                                                        path("anki-\(label)"), String(settings.runs(5))],
                                            environment: environment, output: output, errorsToOutput: true))
        let text = try Files.readText(output)
        guard result.succeeded else {
            step("anki (\(label)) failed: " + String(text.suffix(600)))
            return .unavailable("n/a (the Anki script failed, see the log)")
        }
        var times = AnkiTimes()
        var fields: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            if let name = words.first { fields[name] = Array(words.dropFirst()) }
        }
        times.dueTree = (fields["due_tree"] ?? []).compactMap(Double.init)
        times.firstCard = (fields["first_card"] ?? []).compactMap(Double.init)
        times.graphs = (fields["graphs"] ?? []).compactMap(Double.init)
        let counts = (fields["counts"] ?? []).joined(separator: "/")
        let expected = (fields["expected"] ?? []).joined(separator: "/")
        step("anki (\(label)): \(fields["cards"]?.first ?? "?") cards, \(fields["reviews"]?.first ?? "?") reviews, built in "
             + Format.duration(Double(fields["build_seconds"]?.first ?? "")) + "; counts new/learning/review \(counts), "
             + "sysdrill \(expected); first card " + Format.duration(Statistics.median(times.firstCard)))
        if fields["counts_match"]?.first != "true" {
            times.note = "counts differ (Anki \(counts), sysdrill \(expected))"
        }
        return times
    }

    /// `sysdrill due --json` at the moment the environment names, into `output`.
    func dueJSON(database: String, environment: [String], output: String) throws {
        let result = try start(ChildCommand(arguments: [settings.sysdrill, "--db", database, "due", "--json"],
                                            environment: environment, output: output))
        guard result.succeeded else { throw BenchError.failed("sysdrill due --json", result.status) }
    }
}
