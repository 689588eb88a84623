import Foundation
import Testing

/// `sysdrill calc` and `sysdrill numbers` as a user runs them: real process, real exit
/// codes, stdout versus stderr.
@Suite("calc command")
struct CalcCommandTests {
    // MARK: free-form expressions

    @Test func evaluatesAnExpression() throws {
        let run = try BinaryRunner.run(["calc", "100M req/day -> req/s"])
        #expect(run.status == 0)
        #expect(run.stdout == "1,157 req/s\n")
        #expect(run.stderr.isEmpty)
    }

    @Test func joinsUnquotedWords() throws {
        let run = try BinaryRunner.run(["calc", "1", "GiB", "to", "MB"])
        #expect(run.status == 0)
        #expect(run.stdout == "1,074 MB\n")
    }

    @Test func saysWhichMonthItUsed() throws {
        let run = try BinaryRunner.run(["calc", "$0.10/h"])
        #expect(run.status == 0)
        #expect(run.stdout == "$73.05/month\n  month = 30.436875 days = 2,629,746 s (a 365.2425-day year / 12)\n")
        let quiet = try BinaryRunner.run(["calc", "--quiet", "$0.10/h"])
        #expect(quiet.stdout == "$73.05/month\n")
        let thirty = try BinaryRunner.run(["calc", "1 month", "--calendar", "30d", "--quiet"])
        #expect(thirty.stdout == "30 days\n")
    }

    @Test func badCalendarIsAUsageError() throws {
        let run = try BinaryRunner.run(["calc", "1 month", "--calendar", "31d"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("did you mean '30d'?"))
    }

    @Test func pointsACaretAtTheProblem() throws {
        let run = try BinaryRunner.run(["calc", "1 GB + 5 s"])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "  1 GB + 5 s\n       ^\nerror: cannot add information and time: '1 GB' is information, '5 s' is time\n")
    }

    // MARK: issue 19: one-liners without traps

    @Test func countsDisksAndUsers() throws {
        let disks = try BinaryRunner.run(["calc", "2.5 PB / (4 TB/disk)"])
        #expect(disks.status == 0)
        #expect(disks.stdout == "625 disks\n")
        let dau = try BinaryRunner.run(["calc", "500M DAU * 20 / 86400"])
        #expect(dau.stdout == "115,741 users\n")
        #expect(dau.stderr.isEmpty)
        let perSecond = try BinaryRunner.run(["calc", "500M DAU * 20 req/user / 1 day"])
        #expect(perSecond.stdout == "115,741 req/s\n")
    }

    @Test func functionsKeepTheirUnits() throws {
        let run = try BinaryRunner.run(["calc", "max(3 ms, 20 ms)"])
        #expect(run.stdout == "20 ms\n")
        let servers = try BinaryRunner.run(["calc", "ceil(30k rps / (2k rps/server) / 70%)"])
        #expect(servers.stdout == "22 servers\n")
    }

    @Test func showsTheParenthesesThatFixAConversion() throws {
        let run = try BinaryRunner.run(["calc", "1.5 TB / 100 MB/s -> h"])
        #expect(run.status == 65)
        #expect(run.stderr == """
              1.5 TB / 100 MB/s -> h
                       ^^^^^^^^
            error: cannot convert a rate (1/time) to time: '1.5 TB / 100 MB/s' is read as '(1.5 TB / 100 MB)/s', since '/' works left to right; did you mean '1.5 TB / (100 MB/s) -> h'?

            """)
        let fixed = try BinaryRunner.run(["calc", "1.5 TB / (100 MB/s) -> h"])
        #expect(fixed.stdout == "4.167 h\n")
    }

    @Test func anUnclosedParenthesisIsShownAtTheParenthesis() throws {
        let run = try BinaryRunner.run(["calc", "(1.5 TB / 100 MB/s -> h"])
        #expect(run.status == 65)
        #expect(run.stderr == "  (1.5 TB / 100 MB/s -> h\n  ^\nerror: missing ')' to close this '('\n")
    }

    @Test func aProductOfPercentagesIsAPercentage() throws {
        let run = try BinaryRunner.run(["calc", "99.9% * 99.9% * 99.9%"])
        #expect(run.stdout == "99.7003%\n")
    }

    @Test func neverSuggestsADurationForAnAcronym() throws {
        let run = try BinaryRunner.run(["calc", "5 WAU"])
        #expect(run.status == 65)
        #expect(!run.stderr.contains("'day'"))
    }

    @Test func suggestsTheClosestUnit() throws {
        let run = try BinaryRunner.run(["calc", "5 dya"])
        #expect(run.status == 65)
        #expect(run.stderr == "  5 dya\n    ^^^\nerror: unknown unit 'dya'; did you mean 'day'?\n")
    }

    @Test(arguments: [["calc", ""], ["calc", "1,000,000"], ["calc", "1e400"], ["calc", "inf"], ["calc", "99.9.9%"],
                      ["calc", "5 mb"], ["calc", "1 / 0"], ["calc", "5 s - 10 s"]])
    func refusesBadInputWithExit65(_ arguments: [String]) throws {
        let run = try BinaryRunner.run(arguments)
        #expect(run.status == 65)
        #expect(run.stderr.contains("error: "))
        #expect(run.stderr.contains("^"))
    }

    @Test func noExpressionIsAUsageError() throws {
        let run = try BinaryRunner.run(["calc"])
        #expect(run.status == 64)
    }

    @Test func jsonValue() throws {
        let run = try BinaryRunner.run(["calc", "--json", "100M req/day -> req/s"])
        #expect(run.status == 0)
        let object = try run.json()
        #expect(object["input"] as? String == "100M req/day -> req/s")
        #expect(object["unit"] as? String == "req/s")
        #expect(object["display"] as? String == "1,157 req/s")
        let value = try #require(object["value"] as? Double)
        #expect(abs(value - 1_157.40740741) < 1e-6)
    }

    @Test func jsonErrorGoesToStdout() throws {
        let run = try BinaryRunner.run(["calc", "1 GB + 5 s", "--json"])
        #expect(run.status == 65)
        #expect(run.stderr.isEmpty)
        let error = try #require(try run.json()["error"] as? [String: Any])
        #expect(error["kind"] as? String == "dimension_mismatch")
        #expect(error["start"] as? Int == 5)
        #expect(error["end"] as? Int == 6)
        #expect((error["message"] as? String)?.contains("information and time") == true)
    }

    // MARK: named calculators

    @Test func requestRate() throws {
        let run = try BinaryRunner.run(["calc", "rps", "--dau", "100M", "--per-user", "10", "--peak", "3"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("  avg = 100M x 10 / 86,400 s = 11,574 req/s\n"))
        #expect(run.stdout.contains("34,722 req/s"))
    }

    @Test func requestRateJSON() throws {
        let run = try BinaryRunner.run(["calc", "rps", "--dau", "100M", "--per-user", "10", "--read-write", "10:1", "--json"])
        #expect(run.status == 0)
        let object = try run.json()
        for key in ["inputs", "steps", "results", "conventions"] { #expect(object[key] != nil, "missing \(key)") }
        let results = try #require(object["results"] as? [[String: Any]])
        let average = try #require(results.first { $0["name"] as? String == "average_rps" })
        #expect(average["unit"] as? String == "req/s")
        #expect(average["display"] as? String == "11,574 req/s")
        for result in results {
            for key in ["name", "value", "unit", "display"] { #expect(result[key] != nil) }
        }
        #expect((object["steps"] as? [String])?.contains("avg = 100M x 10 / 86,400 s = 11,574 req/s") == true)
    }

    @Test func missingOptionIsAUsageError() throws {
        let run = try BinaryRunner.run(["calc", "rps", "--dau", "100M"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("missing --per-user"))
        let json = try BinaryRunner.run(["calc", "rps", "--dau", "100M", "--json"])
        #expect(json.status == 64)
        let error = try #require(try json.json()["error"] as? [String: Any])
        #expect(error["kind"] as? String == "usage")
    }

    @Test func storageTakesUnquotedWords() throws {
        let run = try BinaryRunner.run(["calc", "storage", "--items", "10M/day", "--size", "2MB", "--retention", "5", "year",
                                        "--replication", "3", "--overhead", "20%", "--quiet"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("131.5 PB"))
        #expect(!run.stdout.contains("Steps"))
    }

    @Test func optionErrorsPointIntoTheOption() throws {
        let run = try BinaryRunner.run(["calc", "storage", "--items", "10M/day", "--size", "2 s", "--retention", "5y"])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("  --size 2 s\n         ^^^\nerror: expected the item size"))
        let json = try BinaryRunner.run(["calc", "storage", "--items", "10M/day", "--size", "2MB", "--retention", "5 dya", "--json"])
        #expect(json.status == 65)
        let error = try #require(try json.json()["error"] as? [String: Any])
        #expect(error["option"] as? String == "retention")
        #expect(error["start"] as? Int == 2)
        #expect(error["end"] as? Int == 5)
    }

    @Test func bandwidth() throws {
        let run = try BinaryRunner.run(["calc", "bandwidth", "--rps", "10k", "--size", "200KB", "--quiet"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("2 GB/s"))
        #expect(run.stdout.contains("16 Gbps"))
    }

    @Test func availability() throws {
        let run = try BinaryRunner.run(["calc", "availability", "99.95%"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("4.383 h (4 h 22 min 58 s)"))
        #expect(run.stdout.contains("year = 365.2425 days"))
        let serial = try BinaryRunner.run(["calc", "availability", "--serial", "99.9%", "99.95%", "--quiet"])
        #expect(serial.stdout.hasPrefix("availability"))
        #expect(serial.stdout.contains("99.85%"))
        let budget = try BinaryRunner.run(["calc", "availability", "99.9%", "--used", "20min", "--quiet"])
        #expect(budget.stdout.contains("23.83 min"))
    }

    @Test func availabilityOutOfRange() throws {
        let run = try BinaryRunner.run(["calc", "availability", "101%"])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("  101%\n  ^^^^\n"))
        let both = try BinaryRunner.run(["calc", "availability", "--serial", "99%", "--parallel", "99%"])
        #expect(both.status == 64)
    }

    @Test func servers() throws {
        let run = try BinaryRunner.run(["calc", "servers", "--rps", "30k", "--per-server", "2k", "--utilization", "70%", "--spares", "1"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("servers = ceil(30,000 req/s / 1,400 req/s) = ceil(21.43) = 22"))
        #expect(run.stdout.contains("23 servers"))
        let zero = try BinaryRunner.run(["calc", "servers", "--rps", "30k", "--per-server", "2k", "--utilization", "0%"])
        #expect(zero.status == 65)
    }

    @Test func costNeedsPricesOrTheExampleSet() throws {
        let missing = try BinaryRunner.run(["calc", "cost", "--instances", "3"])
        #expect(missing.status == 64)
        let example = try BinaryRunner.run(["calc", "cost", "--instances", "10", "--storage", "50TB", "--example"])
        #expect(example.status == 0)
        #expect(example.stdout.contains("example prices, not current quotes"))
        let quiet = try BinaryRunner.run(["calc", "cost", "--instances", "10", "--example", "--quiet"])
        #expect(quiet.stdout.contains("$730.49/month"))
        #expect(quiet.stderr.contains("example prices, not current quotes"))
        let given = try BinaryRunner.run(["calc", "cost", "--instances", "10", "--instance-hourly", "$0.10/h", "--quiet"])
        #expect(given.stdout.contains("$730.49/month"))
        #expect(!given.stdout.contains("example"))
    }

    // MARK: numbers

    @Test func numbersTable() throws {
        let run = try BinaryRunner.run(["numbers"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("L1 cache reference"))
        #expect(run.stdout.contains("dean2012 (2012)"))
        #expect(run.stdout.contains("1M req/day -> req/s"))
    }

    @Test func numbersJSON() throws {
        let run = try BinaryRunner.run(["numbers", "--json"])
        #expect(run.status == 0)
        let object = try run.json()
        let latency = try #require(object["latency"] as? [[String: Any]])
        #expect(latency.count >= 10)
        #expect(object["throughput"] != nil)
        let sources = try #require(object["sources"] as? [[String: Any]])
        #expect(sources.allSatisfy { $0["year"] is Int })
    }
}
