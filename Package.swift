// swift-tools-version:6.0
// One target per box of docs/ARCHITECTURE (../shared/ARCHITECTURE.md); dependencies only point down.
import PackageDescription

let package = Package(
    name: "sysdrill",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sysdrill", targets: ["sysdrill"]),
    ],
    targets: [
        // System SQLite (libsqlite3-dev), no vendored amalgamation.
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Pure modules: no clock, no terminal, no disk.
        .target(name: "TextMatching"),
        .target(name: "Timekeeping"),
        .target(name: "JSONText"),
        .target(name: "SeededRandom"),
        .target(name: "Deck"),
        .target(name: "Scheduling", dependencies: ["Timekeeping", "SeededRandom"]),
        .target(name: "Capacity", dependencies: ["TextMatching"]),
        // Fitting and judging FSRS-6 weights on a review log (pure). Optimized even in
        // debug builds: the tests fit real logs, which unoptimized SIMD code makes ~50x slower.
        .target(
            name: "FSRSOptimizer",
            dependencies: ["Scheduling", "SeededRandom"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // Adapters.
        .target(name: "Store", dependencies: ["CSQLite", "Deck", "Scheduling", "Timekeeping", "TextMatching", "JSONText"]),
        .target(name: "Terminal"),
        // Other programs' files: zip and inflate (pure), Anki collections read through Store's SQLite wrapper.
        .target(name: "Interop", dependencies: ["Store", "Deck", "Scheduling", "JSONText", "Timekeeping"]),
        // Use cases.
        // `Study` holds what every use case shares: decks (load, sync, lint), settings,
        // the study calendar and clock, files and threads.
        .target(
            name: "Study",
            dependencies: ["Deck", "Scheduling", "Store", "TextMatching", "Timekeeping", "JSONText", "SeededRandom"]
        ),
        // Today's queue and the review session.
        .target(name: "Review", dependencies: ["Study", "Deck", "Scheduling", "Store", "Timekeeping", "JSONText"]),
        // Quizzes, typed grading, drills and estimates.
        .target(
            name: "Practice",
            dependencies: ["Study", "Deck", "Scheduling", "Store", "Capacity", "TextMatching", "Timekeeping", "JSONText", "SeededRandom"]
        ),
        // Stats, export and import. Release builds leave out the run-time exclusivity checks
        // here: an import's million reviews pass through a few classes' arrays, ~14 checks
        // each (a tenth of the reading). Debug builds, which the tests run, keep them.
        .target(
            name: "Progress",
            dependencies: ["Study", "Interop", "Deck", "Scheduling", "FSRSOptimizer", "Store", "Timekeeping", "JSONText", "SeededRandom"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // Content/*.md compiled into the binary by a build-tool plugin.
        .executableTarget(name: "content-embedder", path: "Sources/content-embedder"),
        .plugin(
            name: "EmbedContentPlugin",
            capability: .buildTool(),
            dependencies: ["content-embedder"],
            path: "Sources/EmbedContentPlugin"
        ),
        .target(name: "BundledContent", plugins: ["EmbedContentPlugin"]),
        // The thin executable.
        .executableTarget(
            name: "sysdrill",
            dependencies: ["Deck", "Scheduling", "FSRSOptimizer", "Capacity", "Store", "Terminal", "Study", "Review", "Practice", "Progress", "Interop", "BundledContent", "TextMatching", "Timekeeping", "JSONText"]
        ),
        // `make bench`: synthetic data and timings against the release binary; never part of `swift test`.
        .executableTarget(
            name: "sysdrill-bench",
            dependencies: ["Deck", "Scheduling", "Store", "Study", "Review", "Practice", "Progress", "Timekeeping", "SeededRandom"],
            path: "Benchmarks",
            // `Anki/`: the Anki reference script, run with a test-only venv when there is one.
            exclude: ["Anki"]
        ),
        .testTarget(name: "DeckTests", dependencies: ["Deck", "BundledContent", "SeededRandom"]),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling", "Timekeeping"], exclude: ["Vectors"]),
        .testTarget(name: "FSRSOptimizerTests", dependencies: ["FSRSOptimizer", "Scheduling"], exclude: ["Reference"]),
        .testTarget(name: "FoundationsTests", dependencies: ["TextMatching", "Timekeeping", "JSONText", "SeededRandom"]),
        .testTarget(name: "CapacityTests", dependencies: ["Capacity", "SeededRandom"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Deck", "Scheduling", "SeededRandom"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "SeededRandom"]),
        // The split's test files import all three use cases (`@testable import Review`...):
        // each is declared, or a clean build finds the module only when it happens to be built first.
        .testTarget(name: "StudyTests", dependencies: ["SeededRandom", "Study", "Review", "Practice", "Progress", "Store", "Deck", "Scheduling"], exclude: ["Fixtures"]),
        .testTarget(name: "ReviewTests", dependencies: ["SeededRandom", "Study", "Review", "Practice", "Progress", "Store", "Deck", "Scheduling"]),
        .testTarget(name: "PracticeTests", dependencies: ["SeededRandom", "Study", "Review", "Practice", "Progress", "Store", "Deck", "Scheduling", "Capacity", "BundledContent"]),
        .testTarget(name: "ProgressTests", dependencies: ["SeededRandom", "Study", "Review", "Practice", "Progress", "Store", "Deck", "Scheduling", "JSONText", "Interop"]),
        .testTarget(name: "InteropTests", dependencies: ["Interop", "Store", "Deck", "Scheduling"]),
        // `Anki/` holds the script that makes collections with the real Anki (from a venv).
        .testTarget(name: "CLITests", dependencies: ["sysdrill", "SeededRandom", "Interop", "Deck", "Scheduling", "Study", "Review",
                                                   "Practice", "Progress", "Terminal", "Capacity", "BundledContent", "Store", "JSONText",
                                                   "Timekeeping"], exclude: ["Anki"]),
    ],
    swiftLanguageModes: [.v6]
)
