import Foundation
import Testing

/// Due dates around DST switches through the binary, in the real time zone database
/// (issue 17, defect 7); the rule itself is tested in `DueCalendarTests`.
@Suite struct DaylightSavingCLITests {
    private func counts(_ cli: CLIRunner, at now: String) throws -> [String: Int] {
        let result = try cli.run(["due", "--json"], extraEnvironment: ["SYSDRILL_NOW": now])
        #expect(result.status == 0, "\(result.stderr)")
        let due = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(due["counts"] as? [String: Int])
    }

    @Test func goodNextInOneDayAnsweredBeforeFallBackIsDueTheNextStudyDay() throws {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.environment["TZ"] = "America/New_York"
        // 04:30 EDT on Saturday 2026-10-31, rollover 04:00; that night has 25 hours.
        cli.environment["SYSDRILL_NOW"] = "2026-10-31T08:30:00Z"
        let review = try cli.run(["review", "--limit", "1"], stdin: "good\n")
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stderr.contains("good (4): next in 1d"), "\(review.stderr)")  // 25 hours on the clock
        // 03:45 EST on November 1 is still study day October 31: nothing to review yet.
        #expect(try counts(cli, at: "2026-11-01T08:45:00Z")["review"] == 0)
        // 04:45 EST begins study day November 1: the card is due.
        #expect(try counts(cli, at: "2026-11-01T09:45:00Z")["review"] == 1)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func aCardAnsweredBeforeSpringForwardDoesNotSkipAStudyDay() throws {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.environment["TZ"] = "America/New_York"
        // 03:30 EST on 2026-03-07 is study day March 6; the night of March 8 has 23 hours.
        cli.environment["SYSDRILL_NOW"] = "2026-03-07T08:30:00Z"
        let review = try cli.run(["review", "--limit", "1"], stdin: "good\n")
        #expect(review.status == 0)
        #expect(review.stderr.contains("good (4): next in 1d"), "\(review.stderr)")  // 23 hours on the clock
        #expect(try counts(cli, at: "2026-03-07T08:45:00Z")["review"] == 0)  // 03:45 EST, still March 6
        // Study day March 7 runs from 04:00 EST on March 7 to 04:00 EDT on March 8 (23 hours):
        // the card falls due in it (86,400 s later was 04:30 EDT on March 8, study day March 8).
        #expect(try counts(cli, at: "2026-03-07T09:30:00Z")["review"] == 1)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func londonFallBackAndEveryRolloverHourAgreeWithCheck() throws {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.environment["TZ"] = "Europe/London"
        // 04:30 BST on 2026-10-24, rollover 04:00; clocks go back at 01:00 UTC on the 25th.
        cli.environment["SYSDRILL_NOW"] = "2026-10-24T03:30:00Z"
        #expect(try cli.run(["review", "--limit", "1"], stdin: "good\n").status == 0)
        #expect(try counts(cli, at: "2026-10-25T03:45:00Z")["review"] == 0)  // 03:45 GMT, study day Oct 24
        #expect(try counts(cli, at: "2026-10-25T04:15:00Z")["review"] == 1)  // 04:15 GMT, study day Oct 25
        #expect(try cli.run(["check"]).status == 0)
        // A change of the rollover hour replays the log with it, so `check` keeps agreeing.
        for hour in [0, 1, 2, 3, 5, 12, 23, 4] {
            #expect(try cli.run(["config", "set", "day-rollover-hour", String(hour)]).status == 0)
            let check = try cli.run(["check"])
            #expect(check.status == 0, "rollover \(hour): \(check.stdout) \(check.stderr)")
        }
    }
}

/// The wall clock set back (by hand, or a large correction) between two answers.
@Suite struct ClockChangeCLITests {
    @Test func anAnswerAfterTheClockWentBackKeepsTheLogInAnswerOrder() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["review", "--limit", "1"], stdin: "again\n",
                            extraEnvironment: ["SYSDRILL_NOW": "2026-11-25T09:00:00Z"]).status == 0)
        // Ten minutes earlier the failed card is within the 20-minute learn-ahead: it is
        // shown and answered "before" its first answer.
        let second = try cli.run(["review", "--new", "0", "--limit", "1", "--json"], stdin: "good\n",
                                 extraEnvironment: ["SYSDRILL_NOW": "2026-11-25T08:50:00Z"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("\"event\":\"answer\"") || second.stdout.contains("\"event\": \"answer\""))
        // Before the fix the log replayed the 08:50 answer first and the state differed.
        let check = try cli.run(["check"])
        #expect(check.status == 0, "\(check.stdout)")
        let stats = try #require(try cli.json(["stats", "--json"]) as? [String: Any])
        #expect(stats["total_reviews"] as? Int == 2)
    }
}
