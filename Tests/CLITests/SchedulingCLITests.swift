import Foundation
import Testing

/// `due`, `config` and `card` through the binary.
@Suite struct SchedulingCLITests {
    @Test func dueJSONHasTheContractKeys() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let due = try #require(try cli.json(["due", "--json"]) as? [String: Any])
        #expect(due["now"] as? String == "2026-11-25T09:00:00Z")
        #expect(due["day_ends"] as? String == "2026-11-26T04:00:00Z")
        let counts = try #require(due["counts"] as? [String: Int])
        #expect(counts == ["new": 20, "learning": 0, "review": 0])
        let cards = try #require(due["cards"] as? [[String: Any]])
        #expect(cards.count == 20)
        #expect(Set(cards[0].keys).isSuperset(of: ["id", "front", "due", "state"]))
        #expect(cards[0]["state"] as? String == "new")
    }

    @Test(arguments: [
        ("UTC", "2026-11-26T04:00:00Z"),
        ("Asia/Tokyo", "2026-11-25T19:00:00Z"),        // 04:00 JST (UTC+9) on the 26th
        ("America/New_York", "2026-11-26T09:00:00Z"),  // 04:00 EST (UTC-5) on the 26th
    ])
    func dayEndsAtTheRolloverHourInTheLocalTimeZone(zone: String, dayEnds: String) throws {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.environment["TZ"] = zone
        let due = try #require(try cli.json(["due", "--json"]) as? [String: Any])
        #expect(due["day_ends"] as? String == dayEnds)
    }

    @Test func rolloverHourIsConfigurable() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["config", "set", "day-rollover-hour", "0"]).status == 0)
        let due = try #require(try cli.json(["due", "--json"]) as? [String: Any])
        #expect(due["day_ends"] as? String == "2026-11-26T00:00:00Z")
    }

    @Test func invalidConfigValuesNameTheRangeAndChangeNothing() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let cases: [([String], String)] = [
            (["new-per-day", "-1"], "0 to 9999"),
            (["desired-retention", "0.5"], "0.7 to 0.99"),
            (["scheduler", "anki"], "sm2 or fsrs"),
            (["day-rollover-hour", "24"], "0 to 23"),
            (["learning-steps", "1x"], "durations"),
            (["fsrs-parameters", "1,2,3"], "21 comma-separated numbers"),
        ]
        for (arguments, allowed) in cases {
            let result = try cli.run(["config", "set"] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(allowed), "\(arguments): \(result.stderr)")
        }
        let unknown = try cli.run(["config", "set", "new-per-dya", "5"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("did you mean 'new-per-day'"))
        let settings = try #require(try cli.json(["config", "list", "--json"]) as? [String: String])
        #expect(settings["new-per-day"] == "20")
        #expect(settings["scheduler"] == "sm2")
        #expect(settings["desired-retention"] == "0.9")
    }

    @Test func newPerDaySettingLimitsTheQueue() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["config", "set", "new-per-day", "5"]).status == 0)
        let due = try #require(try cli.json(["due", "--json"]) as? [String: Any])
        #expect((due["counts"] as? [String: Int])?["new"] == 5)
    }

    @Test func switchingSchedulerRecomputesByReplayAndBackIsExact() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        _ = try cli.run(["review"], stdin: "good\nagain\nhard\neasy\n4\n5\n1\n")
        let before = try cli.run(["card", "73477449", "--json"]).stdout
        let switched = try cli.run(["config", "set", "scheduler", "fsrs"])
        #expect(switched.stdout.contains("recomputed from the review log"))
        let fsrs = try #require(try cli.json(["card", "73477449", "--json"]) as? [String: Any])
        #expect((fsrs["state"] as? [String: Any])?["fsrs"] is [String: Any])
        _ = try cli.run(["config", "set", "scheduler", "sm2"])
        #expect(try cli.run(["card", "73477449", "--json"]).stdout == before)
    }

    @Test func cardHistoryExplainsTheDueDate() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        _ = try cli.run(["review", "--limit", "1"], stdin: "good\n")
        let text = try cli.run(["card", "7347"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("4 good"))
        #expect(text.stdout.contains("n=1 EF=2.5 I=1d"))
        #expect(try cli.run(["card", "zz"]).status == 64)
        #expect(try cli.run(["card", "0000"]).status == 64)
    }
}
