import BundledContent
import Store
import Study
import Review
import Practice
import Progress
import Terminal
import Timekeeping
#if canImport(Glibc)
import Glibc
#endif

/// What a command may touch: the environment, the clock, the standard streams and,
/// through `Workspace`, the database and the decks. Built once in `App`.
final class AppContext {
    let environment: [String: String]
    let stdout: StreamWriter
    let stderr: StreamWriter
    /// The current instant: `SYSDRILL_NOW` when set, else the system clock.
    let now: UnixTime
    /// `SYSDRILL_NOW`, which freezes the clock for a whole session.
    let fixedNow: UnixTime?
    let verbose: Bool
    let json: Bool
    /// Styling for stdout (plain unless it is a colour-capable terminal).
    let style: Style
    /// Styling for stderr messages.
    let errorStyle: Style
    let invocation: Invocation
    private var openedStore: StudyStore?
    /// The database file this run created (it did not exist before), so that a failed or
    /// dry-run command can leave nothing behind.
    private var createdDatabase: String?

    init(environment: [String: String], invocation: Invocation, stdout: StreamWriter = .standardOutput,
         stderr: StreamWriter = .standardError) throws {
        self.environment = environment
        self.stdout = stdout
        self.stderr = stderr
        self.invocation = invocation
        self.verbose = invocation.flag("verbose")
        self.json = invocation.flag("json")
        let noColor = invocation.flag("no-color")
        self.style = Style(enabled: ColorPolicy.allowsColor(isTerminal: stdout.isTerminal, environment: environment, noColorFlag: noColor))
        self.errorStyle = Style(enabled: ColorPolicy.allowsColor(isTerminal: stderr.isTerminal, environment: environment, noColorFlag: noColor))
        if let override = environment["SYSDRILL_NOW"], !override.isEmpty {
            guard let parsed = ISO8601.parse(override) else {
                throw UsageError("SYSDRILL_NOW='\(override)' is not an ISO 8601 time; use e.g. 2026-11-25T09:00:00Z")
            }
            self.now = parsed
            self.fixedNow = parsed
        } else {
            self.now = UnixTime(time(nil))
            self.fixedNow = nil
        }
    }

    /// `--db`, else `$SYSDRILL_DB`, else `$XDG_DATA_HOME/sysdrill/sysdrill.sqlite`, else
    /// `~/.local/share/sysdrill/sysdrill.sqlite`.
    func databasePath() throws -> String {
        if let path = invocation.value("db") {
            guard !path.isEmpty else { throw UsageError("--db needs a file path") }
            try MissingDatabaseFolder.check(path, from: "--db")
            return path
        }
        if let path = environment["SYSDRILL_DB"], !path.isEmpty {
            try MissingDatabaseFolder.check(path, from: "SYSDRILL_DB")
            return path
        }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/sysdrill/sysdrill.sqlite" }
        guard let home = environment["HOME"], !home.isEmpty else {
            throw UsageError("cannot find a place for the database: HOME is not set; pass --db PATH or set SYSDRILL_DB")
        }
        return home + "/.local/share/sysdrill/sysdrill.sqlite"
    }

    /// The database, opened (and migrated) once per run, without touching decks.
    func store() throws -> StudyStore {
        if let openedStore { return openedStore }
        let path = try databasePath()
        let existed = FileSystem.info(path) != nil
        let store = try StudyStore.open(path: path)
        // How long a write waits for another sysdrill's (5 s by default); tests shorten it.
        if let milliseconds = environment["SYSDRILL_BUSY_TIMEOUT_MS"].flatMap(Int32.init), milliseconds >= 0 {
            store.setBusyTimeout(milliseconds: milliseconds)
        }
        openedStore = store
        if !existed { createdDatabase = path }
        return store
    }

    /// For a command that only reads (`due`, `stats`, `check` without `--repair`): the
    /// database as `syncedStore()` (or `store()`) gives it, or, when nothing can be
    /// written (a full disk: the write-ahead log or its index cannot grow), the stored
    /// data as it is, decks not synced, opened to read only, with a warning.
    func readingStore(synced: Bool) throws -> StudyStore {
        do {
            return try synced ? syncedStore() : store()
        } catch let error as StoreError where error.isWriteFailure {
            let path = try databasePath()
            note(errorStyle.yellow("warning:") + " \(path) cannot be written (\(error.message(verbose: false)); is the disk full?): "
                 + "showing what it holds without syncing decks; free some space before reviewing")
            if let openedStore { return openedStore }  // opened; only the sync's write failed
            let store = try StudyStore.openForReading(path: path)
            openedStore = store
            return store
        }
    }

    /// The built-in decks made by code: the figures of `sysdrill numbers` as cards.
    static var generatedDecks: [DeckSynchronizer.GeneratedDeck] {
        [DeckSynchronizer.GeneratedDeck(name: NumberCards.deck, source: "builtin:" + NumberCards.sourceFile, cards: NumberCards.cards())]
    }

    /// The database with every deck synced: the embedded outline, registered decks and
    /// this run's `--deck` paths. Warnings (a broken registered deck) go to stderr.
    func syncedStore() throws -> StudyStore {
        let store = try store()
        let embedded = BundledContent.files.map { DeckSynchronizer.EmbeddedFile(name: $0.name, bytes: $0.bytes) }
        let outcome = try DeckSynchronizer(store: store, now: now).syncAll(embedded: embedded, generated: Self.generatedDecks,
                                                                          transientPaths: invocation.values("deck"))
        for warning in outcome.warnings { note(errorStyle.yellow("warning:") + " " + warning) }
        // A user deck that changed says once what it gave and what the linter would show.
        for (deck, _, check) in outcome.checks {
            guard let report = outcome.reports.first(where: { $0.deck == deck })?.report,
                  report.inserted + report.updated + report.retired + report.revived + report.renamed > 0 else { continue }
            note(DeckLint.summary(verb: "synced", deck: deck, cards: check.cards, check: check, renamed: report.renamed,
                                  lintArgument: DecksCommand.shellWord(deck)))
        }
        if verbose {
            for (deck, report) in outcome.reports {
                note("synced \(deck): \(report.inserted) new, \(report.updated) changed, \(report.retired) retired, \(report.revived) back, "
                     + "\(report.renamed) renamed (history kept), \(report.unchanged) unchanged")
            }
        }
        return store
    }

    /// Removes the database this run created (and its WAL files): called when the command
    /// failed or was a dry run, so that nothing is created before the input is valid.
    func discardCreatedDatabase() {
        guard let path = createdDatabase else { return }
        openedStore = nil  // closes the connection (the last reference)
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] { _ = unlink(file) }
        createdDatabase = nil
    }

    /// Writes a line to stdout.
    func print(_ text: String) {
        stdout.write(text + "\n")
    }

    /// Writes a message line to stderr.
    func note(_ text: String) {
        stderr.write(text + "\n")
    }
}
