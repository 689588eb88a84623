import Deck
import Scheduling
import Store
import Study
import Review
import Practice
import Progress
import Timekeeping
#if canImport(Glibc)
import Glibc
#endif

struct BenchSettings {
    var sysdrill = ".build/release/sysdrill"
    /// The same program linked with the static Swift standard library (`make install`'s
    /// build), for the start-up rows; optional.
    var staticSysdrill: String?
    var work: String?
    var keep = false
    /// Only make the data (deck, registered database, history) and keep it: for profiling by hand.
    var prepareOnly = false
    var quick = false
    var runsOverride: Int?
    var cardCount = 100_000
    var reviewCount = 1_000_000

    init(arguments: [String]) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--sysdrill":
                guard let value = rest.popFirst() else { throw BenchError.setup("--sysdrill needs a path") }
                sysdrill = value
            case "--static":
                guard let value = rest.popFirst() else { throw BenchError.setup("--static needs a path") }
                staticSysdrill = Environment.absolute(value)
            case "--work":
                guard let value = rest.popFirst() else { throw BenchError.setup("--work needs a folder") }
                work = value
            case "--keep":
                keep = true
            case "--prepare-only":
                prepareOnly = true
                keep = true
            default:
                throw BenchError.setup("unknown argument '\(argument)'; usage: sysdrill-bench [--sysdrill PATH] [--static PATH] [--work DIR] [--keep] [--prepare-only]")
            }
        }
        let environment = Environment.current
        if let text = environment["BENCH_RUNS"], !text.isEmpty {
            guard let runs = Int(text), runs >= 1 else { throw BenchError.setup("BENCH_RUNS must be a whole number of at least 1") }
            runsOverride = runs
        }
        if let text = environment["BENCH_QUICK"], !text.isEmpty, text != "0" {
            quick = true
            cardCount = 10_000
            reviewCount = 100_000
        }
        sysdrill = Environment.absolute(sysdrill)
        for binary in [sysdrill] + (staticSysdrill.map { [$0] } ?? []) where access(binary, X_OK) != 0 {
            throw BenchError.setup("\(binary) is not an executable; build it first (make bench does)")
        }
    }

    /// Runs per scenario: the default, BENCH_RUNS, or at most 3 in a quick run.
    func runs(_ standard: Int) -> Int {
        runsOverride ?? (quick ? min(standard, 3) : standard)
    }
}

enum Environment {
    static var current: [String: String] { ProcessEnvironment.current() }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return cwd + "/" + path
    }

    /// This executable, to start the parse child.
    static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        guard count > 0 else { return absolute(CommandLine.arguments[0]) }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The whole run: data, scenarios, table.
final class Bench {
    let settings: BenchSettings
    /// "Now" for every run of sysdrill (SYSDRILL_NOW): the end of the generated history.
    static let now = "2026-11-25T09:00:00Z"
    static let deckSeed: UInt64 = 0x5D_2026_0001
    static let editSeed: UInt64 = 0x5D_2026_0002
    static let historySeed: UInt64 = 0x5D_2026_0003
    static let memoryBudget = 64 << 20

    private var work = ""
    private var launcher: Launcher?
    var childEnvironment: [String] = []
    private var units: String?
    var cmark: String?
    private var sqlite3: String?
    /// Anki on the history as it stands at `now` (the `due`, review start and stats rows).
    var ankiNormal = AnkiTimes()

    init(settings: BenchSettings) {
        self.settings = settings
    }

    func path(_ name: String) -> String { work + "/" + name }

    func step(_ text: String) {
        Output.line("bench: " + text)
    }

    func run() throws -> [Measurement] {
        // First, while this process is still small: the helper that starts every child.
        let launcher = try Launcher(executable: Environment.executablePath())
        self.launcher = launcher
        defer { self.launcher = nil }
        work = try settings.work ?? Files.makeTemporaryFolder()
        Files.makeFolder(work)
        defer {
            if settings.keep { step("data kept in \(work)") } else { Files.removeTree(work) }
        }
        let environment = Environment.current
        let searchPath = environment["PATH"]
        units = ChildProcess.find("units", path: searchPath)
        cmark = ChildProcess.find("cmark", path: searchPath)
        sqlite3 = ChildProcess.find("sqlite3", path: searchPath)
        // A fixed clock and time zone: every run sees the same study day and queue.
        childEnvironment = ["PATH=" + (searchPath ?? "/usr/bin:/bin"), "HOME=" + work, "XDG_DATA_HOME=" + work,
                            "TZ=UTC", "LANG=C", "NO_COLOR=1", "SYSDRILL_NOW=" + Self.now]

        printHeader()
        let data = try prepareData()
        if settings.prepareOnly {
            // The morning-after-a-break copy too, for profiling those rows by hand.
            let morning = try failAfterABreak(data, into: path("break.sqlite"))
            step("break.sqlite: run it with SYSDRILL_NOW=\(ISO8601.format(morning))")
            return []
        }
        let normalDue = path("due-normal.json")
        try dueJSON(database: data.history, environment: childEnvironment, output: normalDue)
        ankiNormal = try ankiReference(database: data.history, now: data.nowSeconds, dueJSON: normalDue, label: "normal day")

        var measurements: [Measurement] = []
        measurements.append(try startUp(settings.sysdrill, label: ""))
        measurements.append(try calculator(settings.sysdrill, label: ""))
        if let staticSysdrill = settings.staticSysdrill {
            measurements.append(try startUp(staticSysdrill, label: " (static stdlib)"))
            measurements.append(try calculator(staticSysdrill, label: " (static stdlib)"))
        }
        measurements.append(try parsing(data, oneAtATime: false))
        measurements.append(try parsing(data, oneAtATime: true))
        measurements.append(try syncEmpty(data))
        measurements.append(try lint(data))
        measurements.append(try resync(data))
        measurements.append(try due(data))
        measurements.append(try review(data))
        measurements.append(try optimize(data))
        measurements += try queueAndListings(data)
        let export = try exportHistory(data)
        measurements.append(export)
        measurements.append(try importHistory(data, exportAvailable: export.unavailable == nil))
        measurements.append(try mergeHistory(data, exportAvailable: export.unavailable == nil))

        Output.line("")
        Output.line(ReportTable.render(measurements))
        return measurements
    }

    private func printHeader() {
        var name = utsname()
        uname(&name)
        let release = withUnsafePointer(to: name.release) { $0.withMemoryRebound(to: CChar.self, capacity: 65) { String(cString: $0) } }
        let machine = withUnsafePointer(to: name.machine) { $0.withMemoryRebound(to: CChar.self, capacity: 65) { String(cString: $0) } }
        step("sysdrill \(settings.sysdrill) (\(Format.mebibytes(Files.size(settings.sysdrill))))")
        if let staticSysdrill = settings.staticSysdrill {
            step("static stdlib build \(staticSysdrill) (\(Format.mebibytes(Files.size(staticSysdrill))))")
        }
        step("Linux \(release) \(machine), \(sysconf(Int32(_SC_NPROCESSORS_ONLN))) CPUs, "
             + "\((Int(sysconf(Int32(_SC_PHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE)))) >> 30) GiB")
        step("references: units \(units ?? "not installed"), cmark \(cmark ?? "not installed"), sqlite3 \(sqlite3 ?? "not installed")")
        if settings.quick {
            step("BENCH_QUICK: \(settings.cardCount) cards, \(settings.reviewCount) reviews; figures are NOT comparable with the targets")
        }
        step("work folder \(work)")
    }

    // MARK: - Data

    struct Data {
        let deck: String
        let deckText: String
        let editedText: String
        let deckModified: timespec
        /// Deck registered, no reviews.
        let base: String
        /// Deck registered plus the review history.
        let history: String
        let firstCard: CardID
        let dayStart: UnixTime
        let dayEnd: UnixTime
        let nowSeconds: UnixTime
    }

    private func prepareData() throws -> Data {
        var started = Clock.seconds()
        let outline = DeckGenerator(cardCount: settings.cardCount, seed: Self.deckSeed).generate()
        let deckText = outline.text
        let editedText = outline.editing(count: settings.cardCount / 100, seed: Self.editSeed).text
        let deck = path("deck.md")
        try Files.write(deckText, to: deck)
        // The cards written in the outline (the deck also gives reverses and comparisons).
        let cards = try OutlineParser(deck: "deck", file: deck).parse(try Files.read(deck)).filter { !$0.kind.isDerived }
        // Lists of more than 7 points are asked in parts, a few more cards than the generator's count.
        guard cards.count >= settings.cardCount, cards.count <= settings.cardCount + settings.cardCount / 100 else {
            throw BenchError.setup("the generated deck has \(cards.count) cards, expected \(settings.cardCount)")
        }
        step("deck: \(cards.count) cards, \(Format.mebibytes(Files.size(deck))) (\(Files.size(deck)) bytes) in "
             + Format.duration(Clock.seconds() - started))

        // The deck registered by the real binary: the state every later scenario starts from.
        started = Clock.seconds()
        let base = path("base.sqlite")
        try sysdrill(["--db", base, "decks", "add", deck], what: "decks add")
        step("base database (deck registered by sysdrill decks add) in " + Format.duration(Clock.seconds() - started))

        started = Clock.seconds()
        let history = path("history.sqlite")
        try Files.copy(base, to: history)
        guard let nowSeconds = ISO8601.parse(Self.now) else { throw BenchError.setup("bad SYSDRILL_NOW") }
        let (firstCard, summary) = try writeHistory(to: history, now: nowSeconds)
        // Limits that fit the simulated user (about 1,400 reviews and 120 new cards a
        // day); with the defaults (200 / 20) today's queue would already be used up.
        try sysdrill(["--db", history, "config", "set", "reviews-per-day", "2000"], what: "config set")
        try sysdrill(["--db", history, "config", "set", "new-per-day", "150"], what: "config set")
        step("history: \(summary.reviews) reviews of \(summary.cardsReviewed) cards, \(ISO8601.format(summary.first)) … "
             + "\(ISO8601.format(summary.last)), \(Format.mebibytes(Files.size(history))) database, in "
             + Format.duration(Clock.seconds() - started))

        let calendar = StudyCalendar(rolloverHour: StudyConfiguration.defaults.rolloverHour)
        let day = calendar.day(containing: nowSeconds)
        guard let modified = Files.modificationTime(deck) else { throw BenchError.setup("cannot stat \(deck)") }
        return Data(deck: deck, deckText: deckText, editedText: editedText, deckModified: modified, base: base,
                    history: history, firstCard: firstCard, dayStart: day.start, dayEnd: day.end, nowSeconds: nowSeconds)
    }

    private func writeHistory(to path: String, now: UnixTime) throws -> (CardID, HistoryGenerator.Summary) {
        let store = try StudyStore.open(path: path)
        // Generation only: a bigger page cache for a million inserts into three indexes.
        try store.connection.run("PRAGMA cache_size = -262144")
        // The history is of the written cards, as the earlier rounds' was.
        let cards = try store.cards().filter { $0.card.deck == "deck" && !$0.card.kind.isDerived }.map(\.id)
        let scheduler = try StudyConfiguration.load(from: store).scheduler.makeScheduler()
        let generator = HistoryGenerator(reviewCount: settings.reviewCount, seed: Self.historySeed, now: now)
        let (events, simulated, shift) = generator.simulate(cards: cards, scheduler: scheduler)
        step("history: simulated \(simulated) reviews, kept the earliest \(events.count), moved \(shift) days later")
        guard events.count == settings.reviewCount else {
            throw BenchError.setup("the simulated history has \(events.count) reviews, expected \(settings.reviewCount)")
        }
        let summary = try generator.write(events, cards: cards, scheduler: scheduler, to: store)
        // Fold the WAL into the file so copies of it are complete.
        try store.connection.run("PRAGMA wal_checkpoint(TRUNCATE)")
        return (cards[0], summary)
    }

    @discardableResult
    func sysdrill(_ arguments: [String], what: String, input: String? = nil, output: String? = nil) throws -> ChildResult {
        let result = try start(ChildCommand(arguments: [settings.sysdrill] + arguments, environment: childEnvironment,
                                            input: input, output: output))
        guard result.succeeded else { throw BenchError.failed("sysdrill " + what, result.status) }
        return result
    }

    // MARK: - Measuring

    /// One untimed warm-up of each command (page cache, dynamic loader), then `runs`
    /// timed runs, subject and reference interleaved so that load from other processes
    /// on the machine hits both alike.
    func measure(_ measurement: inout Measurement, runs: Int, prepare: () throws -> Void = {},
                         subject: () throws -> ChildResult, reference: (() throws -> ChildResult)? = nil) throws {
        step("\(measurement.scenario): \(runs) runs")
        try prepare()
        let warm = try subject()
        guard warm.succeeded else { throw BenchError.failed(measurement.scenario, warm.status) }
        if let reference { _ = try reference() }
        for _ in 0..<runs {
            try prepare()
            let result = try subject()
            guard result.succeeded else { throw BenchError.failed(measurement.scenario, result.status) }
            measurement.times.append(result.seconds)
            measurement.peakBytes = max(measurement.peakBytes, result.peakBytes)
            if let reference {
                let result = try reference()
                if result.succeeded { measurement.referenceTimes.append(result.seconds) }
            }
        }
        step("  median " + Format.duration(measurement.median) + ", peak " + Format.mebibytes(measurement.peakBytes)
             + (measurement.referenceTimes.isEmpty ? "" : ", reference " + Format.duration(measurement.referenceMedian)))
    }

    func start(_ command: ChildCommand) throws -> ChildResult {
        guard let launcher else { throw BenchError.setup("no launcher") }
        return try launcher.run(command)
    }

    func spawnSysdrill(_ arguments: [String], input: String? = nil, output: String? = nil) -> () throws -> ChildResult {
        let command = ChildCommand(arguments: [settings.sysdrill] + arguments, environment: childEnvironment, input: input, output: output)
        return { [unowned self] in try start(command) }
    }

    func spawnTool(_ tool: String?, _ arguments: [String]) -> (() throws -> ChildResult)? {
        guard let tool else { return nil }
        let command = ChildCommand(arguments: [tool] + arguments, environment: childEnvironment)
        return { [unowned self] in try start(command) }
    }

    /// Marks a missing reference tool: the row shows "n/a", never a failure.
    func reference(_ measurement: inout Measurement, name: String, tool: String?) {
        measurement.referenceName = name
        if tool == nil { measurement.referenceNote = "n/a (not installed)" }
    }

    // MARK: - Scenarios

    private func startUp(_ binary: String, label: String) throws -> Measurement {
        var measurement = Measurement("start-up: sysdrill --version" + label)
        let command = ChildCommand(arguments: [binary, "--version"], environment: childEnvironment)
        try measure(&measurement, runs: settings.runs(40), subject: { [unowned self] in try start(command) })
        return measurement
    }

    private func calculator(_ binary: String, label: String) throws -> Measurement {
        var measurement = Measurement("calc \"100M req/day -> req/s\"" + label)
        reference(&measurement, name: "units -t '100000000 1/day' '1/s'", tool: units)
        measurement.target = .ratio(1)
        let command = ChildCommand(arguments: [binary, "calc", "100M req/day -> req/s"], environment: childEnvironment)
        try measure(&measurement, runs: settings.runs(40), subject: { [unowned self] in try start(command) },
                    reference: spawnTool(units, ["-t", "100000000 1/day", "1/s"]))
        return measurement
    }

    /// Read + parse in a fresh process; `oneAtATime`: cards taken one at a time and not
    /// kept (as the deck sync reads a deck), else collected into an array.
    private func parsing(_ data: Data, oneAtATime: Bool) throws -> Measurement {
        let size = Format.mebibytes(data.deckText.utf8.count)
        var measurement = Measurement(oneAtATime ? "parse \(size) outline, card by card (in-process)"
                                                 : "parse \(size) outline, all cards kept (in-process)")
        reference(&measurement, name: "cmark FILE > /dev/null", tool: cmark)
        measurement.target = .ratio(1)
        // The memory budget is for what sysdrill does: every command reads a deck card by
        // card. Keeping all 100,000 cards at once (as the first parser did) is measured for
        // comparison with the earlier runs, with no budget.
        measurement.memoryBudget = oneAtATime ? Self.memoryBudget : nil
        let report = path("parse.out")
        let command = ChildCommand(arguments: [Environment.executablePath(), "--parse-child"]
                                       + (oneAtATime ? ["--one-at-a-time"] : []) + [data.deck],
                                   environment: childEnvironment, output: report)
        // The child times read + parse itself (no process start-up); wait4 gives its peak.
        let subject: () throws -> ChildResult = { [unowned self] in
            let process = try start(command)
            guard process.succeeded else { return process }
            let fields = try Files.readText(report).split(separator: " ")
            guard fields.count >= 2, let seconds = Double(fields[0]) else { throw BenchError.io("unexpected parse child output") }
            return ChildResult(seconds: seconds, peakBytes: process.peakBytes, status: 0)
        }
        try measure(&measurement, runs: settings.runs(9), subject: subject, reference: spawnTool(cmark, [data.deck]))
        return measurement
    }

    private func syncEmpty(_ data: Data) throws -> Measurement {
        var measurement = Measurement("sync \(settings.cardCount / 1000)k cards into an empty database")
        measurement.memoryBudget = Self.memoryBudget
        let database = path("sync.sqlite")
        try measure(&measurement, runs: settings.runs(5), prepare: { Files.remove(database) },
                    subject: spawnSysdrill(["--db", database, "decks", "add", data.deck]))
        Files.remove(database)
        return measurement
    }

    /// `decks lint` of the deck file, every finding listed: it reads the deck once, as the
    /// sync does, and writes nothing, so it should cost no more than the sync. (Each drill
    /// card once split the whole file again: 20,000 lines took 18 s, the 10 MB outline ~27 min.)
    /// It keeps its findings to sort them (56k on this outline), so no memory budget.
    private func lint(_ data: Data) throws -> Measurement {
        var measurement = Measurement("decks lint of the deck file (every finding listed)")
        measurement.referenceName = "sysdrill decks add, the same file into an empty database"
        measurement.target = .ratio(1)
        let database = path("lint-reference.sqlite")
        let command = ChildCommand(arguments: [settings.sysdrill, "--db", database, "decks", "lint", data.deck],
                                   environment: childEnvironment)
        // Exit 1 means findings, which this deck has: the run itself succeeded.
        let subject = { [unowned self] () throws -> ChildResult in
            let result = try start(command)
            return ChildResult(seconds: result.seconds, peakBytes: result.peakBytes, status: result.status == 1 ? 0 : result.status)
        }
        try measure(&measurement, runs: settings.runs(5), prepare: { Files.remove(database) }, subject: subject,
                    reference: spawnSysdrill(["--db", database, "decks", "add", data.deck]))
        Files.remove(database)
        return measurement
    }

    private func resync(_ data: Data) throws -> Measurement {
        var measurement = Measurement("re-sync with 1% changed (sysdrill card ID)")
        measurement.memoryBudget = Self.memoryBudget
        let database = path("resync.sqlite")
        try Files.write(data.editedText, to: data.deck)
        defer {
            // Put the deck back exactly (content and time), so the other databases still
            // see it as unchanged and do not re-parse it.
            try? Files.write(data.deckText, to: data.deck)
            Files.setModificationTime(data.deck, data.deckModified)
            Files.remove(database)
        }
        // Check once that the edit is what the app sees: 1% of the cards changed, no more.
        try Files.copy(data.base, to: database)
        let check = path("resync.out")
        _ = try start(ChildCommand(arguments: [settings.sysdrill, "--db", database, "--verbose", "card", data.firstCard.rawValue],
                                   environment: childEnvironment, output: check, errorsToOutput: true))
        // 1% of the written cards, and the reverses made from them.
        let expected = settings.cardCount / 100
        let report = try Files.readText(check)
        let changed = report.split(separator: " ").enumerated().compactMap { index, word -> Int? in
            let words = report.split(separator: " ")
            return index + 1 < words.count && words[index + 1].hasPrefix("changed") ? Int(word) : nil
        }.first ?? 0
        guard changed >= expected, changed <= 3 * expected else {
            throw BenchError.setup("re-sync did not report about \(expected) changed: \(report.prefix(400))")
        }
        try measure(&measurement, runs: settings.runs(5), prepare: { try Files.copy(data.base, to: database) },
                    subject: spawnSysdrill(["--db", database, "card", data.firstCard.rawValue]))
        return measurement
    }

    /// The queries `sysdrill due` needs, as one sqlite3 shell call: today's progress for
    /// the limits, the due reviews through the `due` index with their fronts, the first
    /// new cards in deck order, and the count of new cards.
    private func dueQuery(_ data: Data) -> String {
        let start = data.dayStart, end = data.dayEnd, now = data.nowSeconds
        return """
            SELECT COUNT(DISTINCT r.card_id) FROM review_log r WHERE r.at >= \(start)
              AND NOT EXISTS (SELECT 1 FROM review_log p WHERE p.card_id = r.card_id AND p.at < \(start));
            SELECT COUNT(DISTINCT r.card_id) FROM review_log r WHERE r.at >= \(start)
              AND EXISTS (SELECT 1 FROM review_log p WHERE p.card_id = r.card_id AND p.at < \(start));
            SELECT s.card_id, s.phase, s.due, c.front FROM card_state s JOIN cards c ON c.id = s.card_id
              WHERE s.due < \(end) AND c.retired = 0
                AND NOT EXISTS (SELECT 1 FROM buried b WHERE b.card_id = s.card_id AND b.until > \(now))
              ORDER BY s.due LIMIT 200;
            SELECT c.id, c.front FROM cards c LEFT JOIN decks d ON d.name = c.deck
              WHERE c.retired = 0 AND NOT EXISTS (SELECT 1 FROM card_state s WHERE s.card_id = c.id)
                AND NOT EXISTS (SELECT 1 FROM buried b WHERE b.card_id = c.id AND b.until > \(now))
              ORDER BY COALESCE(d.sort_order, 1 << 20) * 1048576 + c.position LIMIT 20;
            SELECT COUNT(*) FROM cards c WHERE c.retired = 0 AND NOT EXISTS (SELECT 1 FROM card_state s WHERE s.card_id = c.id);
            """
    }

    /// Fitting the FSRS parameters to the whole history (read-only: no --apply). The issue's
    /// target is seconds, not minutes, for 100k reviews; the full history is ten times that.
    private func optimize(_ data: Data) throws -> Measurement {
        var measurement = Measurement("optimize --json (\(settings.reviewCount / 1000)k reviews)")
        measurement.target = .seconds(settings.reviewCount <= 100_000 ? 10 : 60)
        let output = path("optimize.json")
        _ = try sysdrill(["--db", data.history, "optimize", "--json"], what: "optimize", output: output)
        let text = try Files.readText(output)
        guard text.contains("\"outcome\": \"fitted\"") else { throw BenchError.setup("optimize fitted nothing") }
        try measure(&measurement, runs: settings.runs(3), subject: spawnSysdrill(["--db", data.history, "optimize", "--json"]))
        return measurement
    }

    private func due(_ data: Data) throws -> Measurement {
        var measurement = Measurement("due --json (\(settings.cardCount / 1000)k cards, \(settings.reviewCount / 1000)k reviews)")
        reference(&measurement, name: "sqlite3 DB (the same queries)", tool: sqlite3)
        measurement.target = .ratio(2)
        measurement.memoryBudget = Self.memoryBudget
        let output = path("due.json")
        _ = try sysdrill(["--db", data.history, "due", "--json"], what: "due", output: output)
        let text = try Files.readText(output)
        guard text.contains("\"total\"") else { throw BenchError.setup("due --json printed no total") }
        step("due: " + (text.split(separator: "\n").first { $0.contains("\"total\"") }.map { String($0.drop { $0 == " " }) } ?? ""))
        try measure(&measurement, runs: settings.runs(15), subject: spawnSysdrill(["--db", data.history, "due", "--json"]),
                    reference: spawnTool(sqlite3, [data.history, dueQuery(data)]))
        measurement.compare(withAnki: ankiNormal.dueTree, note: ankiNormal.note)
        return measurement
    }

    private func review(_ data: Data) throws -> Measurement {
        let answers = 1000
        var measurement = Measurement("review: \(answers) answers, line mode, each committed")
        // Issue 18: 1000 committed answers under 0.4 s (round 1 asked 1 s).
        measurement.target = .seconds(0.4)
        measurement.memoryBudget = Self.memoryBudget
        let database = path("review.sqlite")
        let input = path("answers.txt")
        try Files.write(String(repeating: "good\n", count: answers), to: input)
        defer { Files.remove(database) }
        let arguments = ["--db", database, "review", "--new", String(answers), "--limit", String(answers)]
        // Check once that every answer was taken (a short queue would flatter the figure).
        try Files.copy(data.history, to: database)
        let output = path("review.out")
        _ = try sysdrill(arguments, what: "review", input: input, output: output)
        let summary = try Files.readText(output).split(separator: "\n").first { $0.hasPrefix("Reviewed ") } ?? ""
        guard summary.hasPrefix("Reviewed \(answers) cards") else {
            throw BenchError.setup("the review did not take \(answers) answers: '\(summary)'")
        }
        step("review: " + summary)
        try measure(&measurement, runs: settings.runs(5), prepare: { try Files.copy(data.history, to: database) },
                    subject: spawnSysdrill(arguments, input: input))
        return measurement
    }

    private func commandAvailable(_ name: String) -> Bool {
        (try? start(ChildCommand(arguments: [settings.sysdrill, name, "--help"], environment: childEnvironment)))?.succeeded ?? false
    }

    private func exportHistory(_ data: Data) throws -> Measurement {
        var measurement = Measurement("export \(settings.reviewCount / 1000)k reviews (JSON)")
        measurement.target = .seconds(5)
        measurement.memoryBudget = Self.memoryBudget
        guard commandAvailable("export") else {
            measurement.unavailable = "no 'sysdrill export' in this build"
            return measurement
        }
        let output = path("export.json")
        try measure(&measurement, runs: settings.runs(3), prepare: { unlink(output) },
                    subject: spawnSysdrill(["--db", data.history, "export", "--output", output]))
        step("export: \(Format.mebibytes(Files.size(output))) file")
        return measurement
    }

    private func importHistory(_ data: Data, exportAvailable: Bool) throws -> Measurement {
        var measurement = Measurement("import \(settings.reviewCount / 1000)k reviews into a fresh database")
        measurement.target = .seconds(5)
        try importExport(into: data.base, expecting: "\(settings.reviewCount) added", what: "import",
                         exportAvailable: exportAvailable, &measurement)
        return measurement
    }

    /// The export merged back into the database it came from: every review looked up and
    /// found (two machines that synced yesterday do much the same). Memory is the point:
    /// the file is merged as it is read.
    private func mergeHistory(_ data: Data, exportAvailable: Bool) throws -> Measurement {
        var measurement = Measurement("merge \(settings.reviewCount / 1000)k reviews into the database that has them")
        try importExport(into: data.history, expecting: "0 added, \(settings.reviewCount) already here", what: "merge",
                         exportAvailable: exportAvailable, &measurement)
        return measurement
    }

    /// Times `import` of the export into copies of `database`, after checking once that its
    /// report's reviews line says `expecting`.
    private func importExport(into database: String, expecting: String, what: String, exportAvailable: Bool,
                              _ measurement: inout Measurement) throws {
        measurement.memoryBudget = Self.memoryBudget
        guard exportAvailable, commandAvailable("import") else {
            measurement.unavailable = "no 'sysdrill import'/'export' in this build"
            return
        }
        let file = path("export.json")
        let copy = path(what + ".sqlite")
        defer { Files.remove(copy) }
        try Files.copy(database, to: copy)
        let output = path(what + ".out")
        _ = try sysdrill(["--db", copy, "import", file], what: what, output: output)
        let reviews = try Files.readText(output).split(separator: "\n").first { $0.contains("reviews") } ?? ""
        guard reviews.contains(expecting) else {
            throw BenchError.setup("the \(what) did not give '\(expecting)': '\(reviews)'")
        }
        step(what + ":" + reviews)
        try measure(&measurement, runs: settings.runs(3), prepare: { try Files.copy(database, to: copy) },
                    subject: spawnSysdrill(["--db", copy, "import", file]))
    }
}
