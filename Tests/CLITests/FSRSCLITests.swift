import Foundation
import SeededRandom
import Testing

/// `evaluate` and `optimize` through the binary, on a history imported into a fresh database.
@Suite struct FSRSCLITests {
    /// A made-up learner's year on the built-in deck, imported: every card first seen
    /// within a month (mostly Good, some Again), then reviewed at growing gaps, remembered
    /// with a probability that falls with the gap; a lapse starts the gaps over.
    static func importHistory(_ cli: CLIRunner) throws {
        let export = try #require(try cli.json(["export"]) as? [String: Any])
        var document = export
        let cards = try #require(export["cards"] as? [[String: Any]])
        var random = SplitMix64(seed: 21)
        var reviews: [[String: Any]] = []
        let start = 1_767_258_000  // 2026-01-01T09:00:00Z
        for (index, card) in cards.enumerated() {
            let id = try #require(card["id"] as? String)
            var day = index % 30
            var grade = random.next(in: 0...100 - 1) < 85 ? 4 : 1
            var gap = 1, strength = grade == 4 ? 3.0 : 1.0
            while day < 320 {
                let at = start + day * 86_400 + index
                reviews.append(["id": String(format: "00000000-0000-4000-8000-%012x", reviews.count + 1), "card": id,
                                "at": ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(at))),
                                "grade": grade, "duration_ms": 4000 + random.next(in: 0...6000 - 1)])
                day += gap
                let remembered = Double(random.next(in: 0...1000 - 1)) / 1000 < pow(0.9, Double(gap) / strength)
                if remembered {
                    let roll = random.next(in: 0...100 - 1)
                    grade = roll < 10 ? 3 : roll < 90 ? 4 : 5
                    strength *= grade == 3 ? 1.8 : grade == 4 ? 2.5 : 3.5
                    gap = max(gap + 1, Int(strength.rounded()))
                } else {
                    grade = 1
                    strength = max(1, strength / 3)
                    gap = 1
                }
            }
        }
        document["reviews"] = reviews
        let path = cli.directory + "/history.json"
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
        let imported = try cli.run(["import", path])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    static func setting(_ cli: CLIRunner) throws -> String {
        try cli.run(["config", "get", "fsrs-parameters"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func optimizeFitsTheHistoryAndApplyEndsUpInTheSettingsAndTheExport() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try Self.importHistory(cli)
        let defaults = try Self.setting(cli)

        let evaluated = try #require(try cli.json(["evaluate", "--json"]) as? [String: Any])
        let items = try #require(evaluated["items"] as? Int)
        #expect(items > 500)
        #expect(evaluated["source"] as? String == "current")
        let currentLoss = try #require(evaluated["log_loss"] as? Double)

        let dryRun = try #require(try cli.json(["optimize", "--json"]) as? [String: Any])
        #expect(dryRun["outcome"] as? String == "fitted")
        #expect(dryRun["applied"] as? Bool == false)
        #expect(dryRun["items"] as? Int == items)
        let before = try #require(dryRun["before"] as? [String: Double])
        let after = try #require(dryRun["after"] as? [String: Double])
        #expect(before["log_loss"] == currentLoss, "before is evaluate's figure on the same items")
        #expect(after["log_loss"]! < before["log_loss"]!)
        #expect(try Self.setting(cli) == defaults, "without --apply nothing is saved")
        // What the fit means in reviews: two forecasts for the memory the fit describes.
        let forecast = try #require(dryRun["forecast"] as? [String: Any])
        #expect(forecast["days"] as? Int == 30)
        let reviews = try #require(forecast["reviews_per_day"] as? [String: Double])
        let recall = try #require(forecast["recall_rate"] as? [String: Double])
        #expect(reviews["current"]! > 0 && reviews["fitted"]! > 0)
        #expect(abs((forecast["fewer_reviews_per_day"] as? Double ?? .nan) - (reviews["current"]! - reviews["fitted"]!)) < 1e-9)
        // The fitted schedule gives the learner (as the fit models them) about the retention asked for.
        #expect(abs(recall["fitted"]! - (forecast["retention"] as? Double ?? 0)) < 0.05)

        let fitted = try #require(dryRun["parameters"] as? [Double])
        let given = try #require(try cli.json(["evaluate", "--json", "--parameters", fitted.map { "\($0)" }.joined(separator: ",")]) as? [String: Any])
        #expect(given["source"] as? String == "given")
        #expect(given["log_loss"] as? Double == after["log_loss"], "after is evaluate's figure for the fitted parameters")

        let applied = try #require(try cli.json(["optimize", "--apply", "--json"]) as? [String: Any])
        #expect(applied["applied"] as? Bool == true)
        #expect(applied["parameters"] as? [Double] == fitted, "the same log gives the same fit")
        let saved = try Self.setting(cli)
        #expect(saved.split(separator: ",").compactMap { Double($0) } == fitted)
        let export = try #require(try cli.json(["export"]) as? [String: Any])
        let scheduler = try #require(export["scheduler"] as? [String: Any])
        #expect((scheduler["fsrs"] as? [String: Any])?["parameters"] as? [Double] == fitted)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func applyingWhileFSRSIsActiveReplaysTheStates() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try Self.importHistory(cli)
        #expect(try cli.run(["config", "set", "scheduler", "fsrs"]).status == 0)
        let applied = try #require(try cli.json(["optimize", "--apply", "--json"]) as? [String: Any])
        #expect(applied["applied"] as? Bool == true)
        #expect((applied["states_recomputed"] as? Int ?? 0) > 0)
        let check = try cli.run(["check"])
        #expect(check.status == 0, "states equal the replay with the new parameters: \(check.stdout)")
        let text = try cli.run(["optimize"])
        #expect(text.stdout.contains("fitted parameters: "))
        #expect(text.stdout.contains("current "))
        #expect(text.stdout.contains("not saved: 'sysdrill optimize --apply' uses them"))
        #expect(text.stdout.contains("what it means (the next 30 days at desired retention 0.90, your memory as the fitted parameters model it):\n  about "))
    }

    @Test func anEmptyLogHasNothingToFitOrEvaluate() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let optimized = try cli.run(["optimize", "--apply"])
        #expect(optimized.status == 0)
        #expect(optimized.stdout.contains("not enough history to fit: 0 usable items"))
        #expect(optimized.stdout.contains("the current parameters stay"))
        let json = try #require(try cli.json(["optimize", "--json"]) as? [String: Any])
        #expect(json["outcome"] as? String == "not-enough-data")
        #expect(json["applied"] as? Bool == false)
        #expect(json["after"] is NSNull)
        let evaluated = try #require(try cli.json(["evaluate", "--json"]) as? [String: Any])
        #expect(evaluated["items"] as? Int == 0)
        #expect(evaluated["log_loss"] is NSNull)
        #expect(try cli.run(["evaluate"]).stdout.contains("nothing to evaluate yet"))
    }

    @Test(arguments: [
        ("1,2,3", "21 comma-separated numbers"),
        ("0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,2.5",
         "weights[20] = 2.5 is outside 0.1...0.8"),
    ])
    func badParametersAreAUsageError(parameters: String, message: String) throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["evaluate", "--parameters", parameters])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--parameters"))
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}

/// `simulate` through the binary.
@Suite struct SimulateCLITests {
    @Test func forecastsEachRetentionReproduciblyAndSuggestsOne() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try FSRSCLITests.importHistory(cli)
        let arguments = ["simulate", "--json", "--days", "60", "--retention", "0.8", "--retention", "0.95"]
        let first = try cli.run(arguments)
        #expect(first.status == 0)
        #expect(try cli.run(arguments).stdout == first.stdout, "seeded: the same database gives the same forecast")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(json["days"] as? Int == 60)
        #expect((json["cards"] as? Int ?? 0) > 200)
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.map { $0["retention"] as? Double } == [0.8, 0.95])
        let low = try #require(results[0]["reviews_per_day"] as? Double), high = try #require(results[1]["reviews_per_day"] as? Double)
        #expect(high > low)
        #expect((results[0]["daily_reviews"] as? [Int])?.count == 60)
        let suggested = try #require(json["suggested_retention"] as? Double)
        #expect([0.8, 0.95].contains(suggested))
        let text = try cli.run(["simulate", "--days", "60"])
        #expect(text.stdout.contains("retention  reviews/day  minutes/day  remembered  min/remembered"))
        #expect(text.stdout.contains("suggested retention"))
    }

    @Test(arguments: ["0.5", "abc", "1"])
    func aRetentionOutsideTheRangeIsAUsageError(value: String) throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["simulate", "--retention", value])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--retention must be a number from 0.70 to 0.99"))
    }
}

/// `plan` and the `target-date` setting through the binary.
@Suite struct PlanCLITests {
    @Test func planDividesTheNewCardsOverTheDaysLeft() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let json = try #require(try cli.json(["plan", "--by", "2026-12-31", "--json"]) as? [String: Any])
        // 2026-11-25 to 2026-12-31: 36 days; first reviews on the 35 days before the 30th.
        #expect(json["days_left"] as? Int == 36)
        let newCards = try #require(json["new_cards"] as? Int)
        #expect(json["new_per_day_needed"] as? Int == (newCards + 34) / 35)
        #expect(json["commands"] as? [String] == ["sysdrill config set target-date 2026-12-31"])
        let tight = try #require(try cli.json(["plan", "--by", "2026-12-05", "--json"]) as? [String: Any])
        #expect(tight["new_per_day_needed"] as? Int == (newCards + 8) / 9)
        #expect((tight["commands"] as? [String])?.first == "sysdrill config set new-per-day \((newCards + 8) / 9)")
        let late = try cli.run(["plan", "--by", "2026-11-26"])
        #expect(late.stdout.contains("too late to see every new card twice"))
    }

    @Test(arguments: [["plan"], ["plan", "--by", "2027-02-30"], ["plan", "--by", "2026-11-25"], ["config", "set", "target-date", "soon"]])
    func badDatesAreUsageErrors(arguments: [String]) throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
    }

    @Test func aTargetDateCapsIntervalsKeepsStatesEqualToTheReplayAndShowsInStats() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try FSRSCLITests.importHistory(cli)
        let set = try cli.run(["config", "set", "target-date", "2026-12-20"])
        #expect(set.status == 0)
        #expect(set.stdout.contains("card states recomputed from the review log"))
        #expect(try cli.run(["check"]).status == 0)
        // Nothing studied is due after the target day's start (2026-12-20T04:00Z); without
        // the cap, long intervals reach years ahead.
        func latestDue() throws -> String {
            let export = try #require(try cli.json(["export"]) as? [String: Any])
            let cards = try #require(export["cards"] as? [[String: Any]])
            return cards.compactMap { ($0["state"] as? [String: Any])?["due"] as? String }.max() ?? ""
        }
        #expect(try latestDue() < "2026-12-20T04:00:00Z")
        let stats = try #require(try cli.json(["stats", "--json"]) as? [String: Any])
        let target = try #require(stats["target"] as? [String: Any])
        #expect(target["date"] as? String == "2026-12-20")
        #expect(target["days_left"] as? Int == 25)
        let recall = try #require(target["predicted_recall"] as? Double)
        #expect(recall > 0 && recall < 1)
        #expect(try cli.run(["stats"]).stdout.contains("Target 2026-12-20 (in 25 days): predicted recall"))
        // A rollover change moves the date's instants: states are replayed again.
        #expect(try cli.run(["config", "set", "day-rollover-hour", "6"]).status == 0)
        #expect(try cli.run(["check"]).status == 0)
        #expect(try cli.run(["config", "set", "target-date", "none"]).status == 0)
        #expect(try cli.run(["check"]).status == 0)
        #expect(try latestDue() > "2027-01-01T00:00:00Z", "the cap lifted with the setting")
        let after = try #require(try cli.json(["stats", "--json"]) as? [String: Any])
        #expect(after["target"] == nil)
    }
}
